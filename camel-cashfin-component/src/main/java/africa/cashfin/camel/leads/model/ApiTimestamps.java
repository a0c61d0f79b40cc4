package africa.cashfin.camel.leads.model;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

/**
 * The API's timestamp form, {@code 2024-01-15T12:00:00.000Z}: ISO-8601, UTC, milliseconds. {@link Lead}'s
 * {@code createdat} and {@code updatedat} are written and read with the {@link Serializer} and {@link Deserializer}
 * here, named on the fields, so any Jackson {@code ObjectMapper} (Camel's default {@code marshal().json()} included)
 * handles a lead without a Java time module.
 * <p>
 * Written and read by hand, without a {@code DateTimeFormatter}, which cost about a tenth of the client's CPU per
 * create in the benchmark (see docs/performance.md).
 */
public final class ApiTimestamps {

    private ApiTimestamps() {
    }

    /**
     * The API form of {@code instant}: UTC with three fraction digits ({@code 2024-01-15T12:00:00.000Z}); six or nine
     * when the instant is finer than a millisecond, so that nothing is lost.
     *
     * @throws IllegalArgumentException for a year outside 0000-9999
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("Year out of range for a Cashfin timestamp: " + instant);
        }
        StringBuilder sb = new StringBuilder(30);
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        int nanos = instant.getNano();
        if (nanos % 1_000_000 == 0) {
            pad(sb, nanos / 1_000_000, 3);
        } else if (nanos % 1_000 == 0) {
            pad(sb, nanos / 1_000, 6);
        } else {
            pad(sb, nanos, 9);
        }
        return sb.append('Z').toString();
    }

    /**
     * The instant of an ISO-8601 timestamp: the API's form ({@code 2024-01-15T12:00:00.000Z}, any fraction or none),
     * or with an offset ({@code 2024-01-15T14:00:00+02:00}).
     *
     * @throws DateTimeParseException when the text is neither
     */
    public static Instant parse(String text) {
        Instant fast = parseUtc(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new DateTimeParseException("'" + text + "' is not an ISO-8601 timestamp such as"
                                             + " 2024-01-15T12:00:00.000Z", text, e.getErrorIndex(), e);
        }
    }

    /** @return the instant, or null when the text is not {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} */
    static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
            || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
            || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(s, 20, n - 1);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /** Writes an {@link Instant} as the API does: {@link #format(Instant)}. */
    public static final class Serializer extends StdScalarSerializer<Instant> {

        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    /**
     * Reads an {@link Instant} from ISO-8601 text ({@link #parse(String)}); blank text is absent (null). Anything else
     * (a number, an object) fails naming the field and the expected form.
     */
    public static final class Deserializer extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return parse(text);
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                            "not an ISO-8601 timestamp such as 2024-01-15T12:00:00.000Z");
                }
            }
            if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Instant i) {
                return i;
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p.currentToken(), p,
                    "expected an ISO-8601 timestamp text such as \"2024-01-15T12:00:00.000Z\"");
        }
    }
}
