package africa.cashfin.camel.leads.api.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/** In-memory Bucket4j buckets on a {@link TimeSource}'s clock (tests pass a virtual one). */
final class LocalBuckets {

    private LocalBuckets() {
    }

    /** @return a local bucket enforcing {@code configuration}, timed by {@code time} */
    static Bucket of(BucketConfiguration configuration, TimeSource time) {
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return time.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        var local = Bucket.builder().withCustomTimePrecision(meter);
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            local.addLimit(bandwidth);
        }
        return local.build();
    }
}
