package africa.cashfin.camel.examples.common;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a budget the way people type it into a spreadsheet and returns the number Cashfin expects.
 * <p>
 * Accepted: a currency (symbol, ISO 4217 code or local abbreviation such as KSh) before or after the number ({@code $50,000}, {@code KES 50,000},
 * {@code ₦250,000}, {@code R 15 000}, {@code 50,000 USD}, {@code KSh 5,000/=}); thousands grouped with {@code ,}
 * {@code .} {@code '} a space, a no-break space or a narrow no-break space; decimals with {@code .} or {@code ,}
 * ({@code 1,234.56}, {@code 50.000,00}); a {@code k} (thousand) or {@code m}/{@code mn} (million) suffix
 * ({@code 50k}, {@code 1.5m}). Blank is no budget ({@code null}).
 * <p>
 * Rules for the ambiguous cases: when both {@code ,} and {@code .} appear, the last one is the decimal separator; a
 * single {@code ,} or {@code .} followed by exactly three digits is a thousands separator ({@code 50,000} and
 * {@code 50.000} are fifty thousand), otherwise it is the decimal separator ({@code 12,5} is twelve and a half).
 * Rejected, with a message saying why: ranges ({@code 10,000-20,000}), negative amounts, text, and numbers with
 * inconsistent grouping.
 */
public final class BudgetParser {

    /** Thrown for a budget that cannot be read; the message says what is wrong and gives examples that work. */
    public static final class BudgetFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BudgetFormatException(String text, String why) {
            super("budget '" + text + "' " + why + "; write a number such as 50000, 50,000, KES 50,000 or 50k");
        }
    }

    private static final Pattern SHAPE = Pattern.compile(
            "^(?<prefix>[\\p{Sc}\\p{L}.]{0,4}?)\\s*(?<sign>[-+]?)\\s*(?<number>[0-9][0-9.,'\\s]*?)\\s*"
                    + "(?<suffix>[\\p{Sc}\\p{L}.]{0,8}(?:/=|/-)?)$");
    private static final Pattern GROUPED = Pattern.compile("^[0-9]{1,3}(?:[X][0-9]{3})+$");

    private BudgetParser() {
    }

    /**
     * The budget in {@code text} as a plain number (trailing zeros removed: {@code "50.000,00"} gives 50000), or null
     * when {@code text} is null or blank.
     *
     * @throws BudgetFormatException when {@code text} is not an amount
     */
    public static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2009', ' ').strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.matches(".*[0-9][kKmM]?\\s*(-|–|to)\\s*[\\p{Sc}\\p{L}]{0,4}\\s*[0-9].*")) {
            throw new BudgetFormatException(text, "is a range; give one amount");
        }
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) {
            throw new BudgetFormatException(text, "is not an amount");
        }
        if ("-".equals(m.group("sign"))) {
            throw new BudgetFormatException(text, "is negative");
        }
        BigDecimal multiplier = multiplier(text, m.group("prefix"), m.group("suffix"));
        BigDecimal value = number(text, m.group("number").replace(" ", "").replace("'", ""));
        BigDecimal result = value.multiply(multiplier).stripTrailingZeros();
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    private static BigDecimal multiplier(String text, String prefix, String suffix) {
        checkCurrency(text, prefix);
        String s = suffix.replace("/=", "").replace("/-", "").toLowerCase(Locale.ROOT);
        return switch (s) {
            case "k", "thousand" -> BigDecimal.valueOf(1_000);
            case "m", "mn", "mio", "million" -> BigDecimal.valueOf(1_000_000);
            case "bn", "billion" -> BigDecimal.valueOf(1_000_000_000);
            default -> {
                checkCurrency(text, suffix.replace("/=", "").replace("/-", ""));
                yield BigDecimal.ONE;
            }
        };
    }

    /** ISO 4217 codes plus the local abbreviations people write (KSh, TSh, USh, R, N, Br, CFA, FCFA, Le, M, E, D). */
    private static final Set<String> CURRENCY_WORDS = currencyWords();

    private static Set<String> currencyWords() {
        Set<String> words = new HashSet<>();
        Currency.getAvailableCurrencies().forEach(c -> words.add(c.getCurrencyCode()));
        words.addAll(List.of("KSH", "KSHS", "TSH", "TSHS", "USH", "USHS", "SH", "SHS", "R", "N", "BR", "CFA", "FCFA",
                "LE", "M", "E", "D", "DH", "DHS", "RS", "GH", "GHC", "Z", "US", "A", "AU", "C", "CA", "NZ", "HK", "S"));
        return Set.copyOf(words);
    }

    /**
     * A currency is made of currency symbols and at most one currency word: an ISO 4217 code or a local abbreviation
     * ({@code KES}, {@code KSh}, {@code R}, {@code GH₵}, {@code US$}).
     */
    private static void checkCurrency(String text, String currency) {
        String c = currency.replace(".", "");
        StringBuilder letters = new StringBuilder();
        c.codePoints().filter(Character::isLetter).forEach(letters::appendCodePoint);
        if (letters.length() > 0 && !CURRENCY_WORDS.contains(letters.toString().toUpperCase(Locale.ROOT))) {
            throw new BudgetFormatException(text, "has text '" + currency + "' that is not a currency");
        }
    }

    private static BigDecimal number(String text, String n) {
        int commas = count(n, ',');
        int dots = count(n, '.');
        String integer;
        String fraction = "";
        if (commas > 0 && dots > 0) {
            char decimal = n.lastIndexOf(',') > n.lastIndexOf('.') ? ',' : '.';
            char group = decimal == ',' ? '.' : ',';
            if (count(n, decimal) > 1) {
                throw new BudgetFormatException(text, "has more than one decimal separator");
            }
            integer = n.substring(0, n.lastIndexOf(decimal));
            fraction = n.substring(n.lastIndexOf(decimal) + 1);
            checkGrouping(text, integer, group);
        } else if (commas + dots == 0) {
            integer = n;
        } else {
            char sep = commas > 0 ? ',' : '.';
            int last = n.lastIndexOf(sep);
            boolean grouping = count(n, sep) > 1 || n.length() - last - 1 == 3;
            if (grouping) {
                integer = n;
                checkGrouping(text, integer, sep);
            } else {
                integer = n.substring(0, last);
                fraction = n.substring(last + 1);
            }
        }
        String digits = integer.replace(",", "").replace(".", "");
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)
                || !fraction.chars().allMatch(Character::isDigit)) {
            throw new BudgetFormatException(text, "is not an amount");
        }
        return new BigDecimal(fraction.isEmpty() ? digits : digits + "." + fraction);
    }

    private static void checkGrouping(String text, String integer, char group) {
        if (integer.indexOf(group) >= 0
                && !GROUPED.matcher(integer.replace(group, 'X')).matches()) {
            throw new BudgetFormatException(text, "has digits grouped in an unexpected way");
        }
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
