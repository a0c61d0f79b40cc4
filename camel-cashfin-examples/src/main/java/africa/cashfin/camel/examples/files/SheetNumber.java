package africa.cashfin.camel.examples.files;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number read from a workbook cell: what the cell shows ({@link #toString()}, e.g. {@code 1,235} for 1234.5 in the
 * format {@code #,##0}) and the exact value the cell holds. Row values are read as displayed, except the budget, which
 * the file drop's row mapper takes from the exact value so no digit is lost to the cell's format.
 *
 * @param displayed the cell's displayed value
 * @param exact     the cell's value
 */
public record SheetNumber(String displayed, BigDecimal exact) {

    /** @throws NullPointerException when a value is null */
    public SheetNumber {
        Objects.requireNonNull(displayed, "displayed");
        Objects.requireNonNull(exact, "exact");
    }

    /** The exact value as plain digits, e.g. {@code 1234.5}. */
    public String exactText() {
        return exact.stripTrailingZeros().toPlainString();
    }

    /** The displayed value: what a row holds for every purpose but the budget. */
    @Override
    public String toString() {
        return displayed;
    }
}
