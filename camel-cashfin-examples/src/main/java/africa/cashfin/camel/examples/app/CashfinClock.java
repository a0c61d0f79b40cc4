package africa.cashfin.camel.examples.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.apache.camel.CamelContext;

import africa.cashfin.camel.leads.CashfinLeadsComponent;

/**
 * The clock of the Cashfin component's limiter ({@code timeSource} option, the system clock by default), as a
 * {@link Clock}: the CSV import parks until, and measures, on the same time as the call budget it waits for (a
 * virtual clock in tests). Read from the component at every call, so it follows an option set after the beans.
 */
final class CashfinClock extends Clock {

    private final CamelContext context;

    CashfinClock(CamelContext context) {
        this.context = context;
    }

    @Override
    public Instant instant() {
        return context.getComponent("cashfin-leads", CashfinLeadsComponent.class).timeSource().now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
