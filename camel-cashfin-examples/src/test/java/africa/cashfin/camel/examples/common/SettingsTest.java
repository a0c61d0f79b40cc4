package africa.cashfin.camel.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one way the flows read a setting: typed, defaults for what is blank, errors that name the property. */
class SettingsTest {

    private final Settings settings = Settings.of(Map.of("a.count", " 12 ", "a.size", "5000000000", "a.period", "PT1H",
            "a.ratio", "0.5", "a.blank", " ", "a.map.X", "x", "a.map.Y", " y ", "b.other", "z"));

    @Test
    void typedValuesAndFallbacks() {
        assertThat(settings.integer("a.count")).isEqualTo(12);
        assertThat(settings.integer("a.blank", 7)).isEqualTo(7);
        assertThat(settings.number("a.size")).isEqualTo(5_000_000_000L);
        assertThat(settings.duration("a.period")).isEqualTo(Duration.ofHours(1));
        assertThat(settings.decimal("a.ratio", 0.01, "0.01")).isEqualTo(0.5);
        assertThat(settings.string("a.blank", "fallback")).isEqualTo("fallback");
        assertThat(settings.text("absent")).isEmpty();
        assertThat(settings.under("a.map.")).containsExactly(Map.entry("a.map.X", "x"), Map.entry("a.map.Y", " y "));
    }

    @Test
    void aBadValueIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> settings.integer("a.size"))
                .hasMessage("a.size must be a whole number, was '5000000000'");
        assertThatThrownBy(() -> settings.integer("absent")).hasMessage("absent must be a whole number, was ''");
        assertThatThrownBy(() -> settings.duration("a.count")).hasMessageStartingWith("a.count must be a duration");
        assertThatThrownBy(() -> settings.decimal("b.other", 0.01, "0.01"))
                .hasMessage("b.other must be a number such as 0.01, was 'z'");
    }
}
