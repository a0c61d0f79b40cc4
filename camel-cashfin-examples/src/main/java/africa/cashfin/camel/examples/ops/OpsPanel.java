// The seam between the two helpers building issue 23 (ops-page and ops-panels). Both create this file with
// EXACTLY this content (an identical add rebases cleanly): camel-cashfin-examples/src/main/java/africa/cashfin/camel/examples/ops/OpsPanel.java
package africa.cashfin.camel.examples.ops;

import java.util.Map;

/**
 * One section of the operations page ({@code /ops}). The page shows every bean of this type found in the Camel
 * registry, ordered by {@link #order()}; its script refreshes each section from {@code /ops/data}, a JSON object with
 * one member per panel ({@link #id()} to {@link #data()}).
 */
public interface OpsPanel {

    /** The section's id: its HTML id and its member in {@code /ops/data}, e.g. {@code imports}, {@code budget}. */
    String id();

    /** The section's heading. */
    String title();

    /** Where the section sits on the page: lower first. */
    int order();

    /**
     * The section's HTML with its figures as {@code data-ops-*} bindings to {@link #data()}, empty of them: the page
     * fills them in on the server ({@code OpsHtml}, once per request for every panel) and its script refreshes them.
     * Escaped text, inline SVG allowed; no secret, no personal data beyond the reports'.
     */
    String html();

    /** The live figures the page's script refreshes (numbers, strings, lists and maps of them). */
    Map<String, Object> data();
}
