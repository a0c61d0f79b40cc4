package africa.cashfin.camel.leads.api.limit;

import static africa.cashfin.camel.leads.testing.LimiterProbe.takeNow;
import static africa.cashfin.camel.leads.testing.LimiterProbe.takeWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import org.junit.jupiter.api.Test;

/**
 * Budget shares on virtual time: the reserves and the pool split the secret's rate and day, a pool that is spent never
 * reaches into a reserve, too much reserved is refused with a message naming the shares, and with a distributed store
 * the pool and the reserves live in the store under keys derived from the secret's.
 */
class BudgetSharesTest {

    private static final String SECRET = "cs_budgetShares42";
    private final VirtualTime time = VirtualTime.autoAdvancing();
    private final BudgetShareRegistry registry = new BudgetShareRegistry(time);

    @Test
    void thePoolStopsAtItsShareOfTheDayAndTheReserveKeepsItsOwn() throws Exception {
        RateLimits limits = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        BudgetShare consumer = registry.join(SECRET, limits, null, "consumer", 0.3);
        BudgetShare flood = registry.join(SECRET, limits, null, null, 0);

        int flooded = 0;
        while (takeNow(flood)) {
            flooded++;
        }
        int polled = 0;
        while (takeNow(consumer)) {
            polled++;
        }

        assertThat(flooded).as("the pool: 70 %% of the day").isEqualTo(70);
        assertThat(polled).as("the reserve: 30 %% of the day, untouched by the flood").isEqualTo(30);
        assertThat(flood.state()).isEqualTo("its calls of the day are spent");
    }

    @Test
    void daySharesShowEachReserveAndThePoolWithWhatIsLeftOfTheirDay() throws Exception {
        RateLimits limits = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        assertThat(registry.join(SECRET, limits, null, null, 0).shares().dayShares())
                .as("nothing reserved: no shares to show").isEmpty();
        BudgetShare consumer = registry.join(SECRET, limits, null, "consumer", 0.3);
        BudgetShare flood = registry.join(SECRET, limits, null, null, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(takeNow(consumer)).isTrue();
        }
        for (int i = 0; i < 12; i++) {
            assertThat(takeNow(flood)).isTrue();
        }

        assertThat(flood.shares().dayShares()).containsExactly(
                new BudgetShares.DayShare("consumer", 0.3, 30, 25),
                new BudgetShares.DayShare(null, 0.7, 70, 58));
    }

    @Test
    void aReservedShareUsesThePoolWhenItsOwnIsSpent() throws Exception {
        RateLimits limits = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        BudgetShare consumer = registry.join(SECRET, limits, null, "consumer", 0.3);
        registry.join(SECRET, limits, null, null, 0);

        int taken = 0;
        while (takeNow(consumer)) {
            taken++;
        }

        assertThat(taken).as("its own 30, then the whole pool's 70: the sum never exceeds the day").isEqualTo(100);
    }

    @Test
    void aFloodOnThePoolIsPacedAtTheRestOfTheRateAndTheReserveStaysReady() throws Exception {
        RateLimits limits = RateLimits.of(RatePlan.FREE); // 58.8 calls/min with the margin
        BudgetShare consumer = registry.join(SECRET, limits, null, "consumer", 0.3);
        BudgetShare flood = registry.join(SECRET, limits, null, null, 0);

        for (int i = 0; i < 100; i++) {
            flood.take(null);
            if (i % 20 == 0) {
                assertThat(takeNow(consumer)).as("the consumer polls meanwhile (its reserve is in use)").isTrue();
            }
        }

        double perMinute = 100 / (time.seconds() / 60);
        assertThat(perMinute).as("the pool: 70 %% of 58.8/min = 41.2/min").isBetween(40.0, 42.5);
        assertThat(takeNow(consumer)).as("the flood did not touch the reserve").isTrue();
        assertThat(BudgetShares.burst(limits, 0.3)).as("10 s of 17.6 calls/min").isEqualTo(2);
    }

    @Test
    void withoutAnyReserveThereIsNoPoolAndCallsGoStraightToTheLimiter() throws Exception {
        BudgetShare a = registry.join(SECRET, RateLimits.builder().maxRequestsPerDay(2).build(), null, null, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(takeNow(a)).isTrue();
        }
        assertThat(a.pool()).isEqualTo(1.0);
        assertThat(a.name()).isNull();
    }

    @Test
    void closingTheLastUserOfAReserveGivesItBackToThePool() {
        RateLimits limits = RateLimits.of(RatePlan.FREE);
        BudgetShare pool = registry.join(SECRET, limits, null, null, 0);
        BudgetShare consumer = registry.join(SECRET, limits, null, "consumer", 0.4);
        BudgetShare sameName = registry.join(SECRET, limits, null, "consumer", 0.4);
        assertThat(pool.pool()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));

        consumer.close();
        assertThat(pool.pool()).as("still reserved by the other endpoint of the share").isCloseTo(0.6,
                org.assertj.core.data.Offset.offset(1e-9));
        sameName.close();
        assertThat(pool.pool()).isEqualTo(1.0);
    }

    @Test
    void reservesAddingUpToMoreThanTheMaximumAreRefusedNamingTheSharesAndTheFix() {
        RateLimits limits = RateLimits.of(RatePlan.FREE);
        registry.join(SECRET, limits, null, "cashfin-leads:list", 0.6);

        assertThatThrownBy(() -> registry.join(SECRET, limits, null, "web-form", 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 1.1")
                .hasMessageContaining("'cashfin-leads:list' 0.6")
                .hasMessageContaining("'web-form' 0.5")
                .hasMessageContaining("more than the maximum 0.9")
                .hasMessageContaining("Lower budgetReserve")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> registry.join(SECRET, limits, null, "cashfin-leads:list", 0.2))
                .hasMessageContaining("already reserved with budgetReserve=0.6")
                .hasMessageContaining("give each its own budgetShare name");
        assertThatThrownBy(() -> registry.join("cs_other", RateLimits.unlimited(), null, "x", 0.2))
                .hasMessageContaining("unlimited, so there is no budget to share");
        assertThatThrownBy(() -> registry.join(SECRET, limits, null, "x", 0.95))
                .hasMessageContaining("from 0 to 0.9");
    }

    @Test
    void withADistributedStoreThePoolAndTheReservesAreSharedByTheJvms() throws Exception {
        ConcurrentMap<String, byte[]> database = SharedStoreProxyManager.newStore();
        RateLimits limits = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        BudgetShareRegistry jvmA = new BudgetShareRegistry(time);
        BudgetShareRegistry jvmB = new BudgetShareRegistry(time);
        BudgetShare floodA = jvmA.join(SECRET, limits, store(database), null, 0);
        jvmA.join(SECRET, limits, store(database), "consumer", 0.3);
        BudgetShare floodB = jvmB.join(SECRET, limits, store(database), null, 0);
        BudgetShare consumerB = jvmB.join(SECRET, limits, store(database), "consumer", 0.3);

        int flooded = 0;
        for (int i = 0; i < 200; i++) {
            if (takeNow(i % 2 == 0 ? floodA : floodB)) {
                flooded++;
            }
        }
        int polled = 0;
        while (takeNow(consumerB)) {
            polled++;
        }

        assertThat(flooded).as("one pool for both JVMs").isEqualTo(70);
        assertThat(polled).isEqualTo(30);
        String key = SecretFingerprint.of(SECRET).bucketKey();
        assertThat(database.keySet()).containsExactlyInAnyOrder(key + ":pool", key + ":share:consumer",
                key + ":reserves");
        assertThat(BudgetShares.reserveKey(SecretFingerprint.of(SECRET), "cashfin-leads:list?status=new"))
                .as("a name that is not key-safe is hashed").startsWith(key + ":share#").hasSize(key.length() + 31);
    }

    @Test
    void aNodeThatDoesNotRunTheReservedEndpointStillDrawsOnThePoolOnly() throws Exception {
        ConcurrentMap<String, byte[]> database = SharedStoreProxyManager.newStore();
        RateLimits limits = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        BudgetShareRegistry leader = new BudgetShareRegistry(time);
        BudgetShareRegistry standby = new BudgetShareRegistry(time); // its consumer (and its reserve) is stopped
        BudgetShare consumer = leader.join(SECRET, limits, store(database), "consumer", 0.3);
        BudgetShare creates = standby.join(SECRET, limits, store(database), null, 0);

        int created = 0;
        while (created < 200 && takeNow(creates)) {
            created++;
        }

        assertThat(created).as("the standby's creates stop at the pool's 70 of the day").isEqualTo(70);
        assertThat(creates.pool()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(takeNow(consumer)).as("the reserve is intact").isTrue();
    }

    @Test
    void thePoolIsSizedFromTheReservesOfEveryNodeNotByTheLastNodeToStart() throws Exception {
        ConcurrentMap<String, byte[]> database = SharedStoreProxyManager.newStore();
        RateLimits limits = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        BudgetShareRegistry nodeA = new BudgetShareRegistry(time);
        BudgetShareRegistry nodeB = new BudgetShareRegistry(time);
        BudgetShare floodA = nodeA.join(SECRET, limits, store(database), null, 0);
        nodeA.join(SECRET, limits, store(database), "consumer", 0.3);
        nodeB.join(SECRET, limits, store(database), "web-form", 0.3); // started last, knows only its own reserve

        int flooded = 0;
        while (flooded < 200 && takeNow(floodA)) {
            flooded++;
        }

        assertThat(flooded).as("100 - 30 - 30: both nodes' reserves are kept out of the pool").isEqualTo(40);
    }

    @Test
    void reservesOfSeveralNodesAddingUpToMoreThanTheMaximumAreRefused() {
        ConcurrentMap<String, byte[]> database = SharedStoreProxyManager.newStore();
        RateLimits limits = RateLimits.of(RatePlan.FREE);
        new BudgetShareRegistry(time).join(SECRET, limits, store(database), "cashfin-leads:list", 0.6);

        assertThatThrownBy(() -> new BudgetShareRegistry(time).join(SECRET, limits, store(database), "web-form", 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 1.1")
                .hasMessageContaining("'cashfin-leads:list' 0.6")
                .hasMessageContaining("The reserves count across the cluster")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> new BudgetShareRegistry(time).join(SECRET, limits, store(database),
                "cashfin-leads:list", 0.2)).hasMessageContaining("already reserved with budgetReserve=0.6 by another"
                                                                + " node");
    }

    @Test
    void aReserveNobodyUsesIsLentToThePoolForTheRateButNotForTheDay() throws Exception {
        ConcurrentMap<String, byte[]> database = SharedStoreProxyManager.newStore();
        RateLimits limits = RateLimits.builder().maxRequestsPerMinute(60).maxRequestsPerDay(200).margin(0).build();
        BudgetShare consumer = new BudgetShareRegistry(time).join(SECRET, limits, store(database), "consumer", 0.5);
        BudgetShare flood = new BudgetShareRegistry(time).join(SECRET, limits, store(database), null, 0);
        time.advance(ReserveDirectory.IN_USE.plusSeconds(1)); // the consumer's node makes no call for a while

        long start = time.nanoTime();
        for (int i = 0; i < 60; i++) {
            flood.take(null);
        }
        double perMinute = 60 / ((time.nanoTime() - start) / 60e9);
        int more = 0;
        while (more < 300 && takeWithin(flood, Duration.ofSeconds(10))) {
            more++;
        }

        assertThat(perMinute).as("the pool has the unused reserve's rate: about 60/min, not 30").isGreaterThan(50);
        assertThat(60 + more).as("but not its day: the pool's 100 of 200").isEqualTo(100);
        assertThat(takeNow(consumer)).as("the reserve's day is intact").isTrue();
    }

    private SharedStoreProxyManager store(ConcurrentMap<String, byte[]> database) {
        return new SharedStoreProxyManager(database, ClientSideConfig.getDefault().withClientClock(time.asTimeMeter()));
    }

}
