package africa.cashfin.camel.examples.ops;

/**
 * An inline-SVG gauge for a panel's HTML: a grey track and a bar whose width (0 to 100) the page's script sets from a
 * path of the panel's data ({@code data-ops-attr}). No style attribute (the page's CSP forbids them): colours are SVG
 * presentation attributes.
 */
final class Gauge {

    private Gauge() {
    }

    /**
     * @param percentPath the data path of the filled part, 0 to 100
     * @param labelPath   the data path of the gauge's text (its accessible name and tooltip)
     */
    static String svg(String percentPath, String labelPath) {
        return "<svg class=\"ops-gauge\" viewBox=\"0 0 100 6\" width=\"240\" height=\"14\" role=\"img\""
               + " data-ops-attr=\"aria-label:" + labelPath + "\" preserveAspectRatio=\"none\">"
               + "<title data-ops-text=\"" + labelPath + "\"></title>"
               + "<rect x=\"0\" y=\"0\" width=\"100\" height=\"6\" fill=\"#e5e7eb\"></rect>"
               + "<rect x=\"0\" y=\"0\" width=\"0\" height=\"6\" fill=\"#2563eb\" data-ops-attr=\"width:" + percentPath
               + "\"></rect></svg>";
    }

    /** {@code part} of {@code whole} in percent, 0 to 100 (0 when the whole is not positive). */
    static long percent(long part, long whole) {
        return whole <= 0 ? 0 : Math.max(0, Math.min(100, Math.round(100.0 * part / whole)));
    }
}
