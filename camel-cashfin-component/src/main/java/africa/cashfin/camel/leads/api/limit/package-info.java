/**
 * Pure building blocks of the HTTP layer's resilience: the per-secret call rate limiter (Bucket4j, optionally
 * distributed), the plans and limits it enforces, the parsing of the server's rate-limit headers, and the retry
 * decisions per operation. Nothing here knows Camel or an HTTP client; see {@code docs/rate-limiting.md}.
 */
package africa.cashfin.camel.leads.api.limit;
