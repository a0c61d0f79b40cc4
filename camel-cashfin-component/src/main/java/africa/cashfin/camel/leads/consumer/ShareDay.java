package africa.cashfin.camel.leads.consumer;

import java.time.Instant;

/**
 * The day of an endpoint's budget share, for adaptive polling.
 *
 * @param callsPerDay     the share's calls per day (the plan's or {@code maxRequestsPerDay}'s day budget times the
 *                        endpoint's budget share)
 * @param ends            when the server's day ends
 * @param secretCallsLeft the calls left of the secret's daily budget, or -1 when unknown
 */
public record ShareDay(double callsPerDay, Instant ends, long secretCallsLeft) {
}
