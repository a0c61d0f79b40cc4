package africa.cashfin.camel.leads.api.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/** In-memory Bucket4j buckets on a {@link TimeSource}'s clock (tests pass a virtual one). */
final class LocalBuckets {

    private LocalBuckets() {
    }

    /** @return a local bucket enforcing {@code configuration}, timed by {@code time}'s monotonic clock */
    static Bucket of(BucketConfiguration configuration, TimeSource time) {
        return of(configuration, time, false);
    }

    /**
     * @param  wallClock true to time the bucket by {@code time}'s wall clock (refills aligned to a time of day need
     *                   it), false by its monotonic clock
     * @return           a local bucket enforcing {@code configuration}
     */
    static Bucket of(BucketConfiguration configuration, TimeSource time, boolean wallClock) {
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                if (wallClock) {
                    java.time.Instant now = time.now();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                }
                return time.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return wallClock;
            }
        };
        var local = Bucket.builder().withCustomTimePrecision(meter);
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            local.addLimit(bandwidth);
        }
        return local.build();
    }
}
