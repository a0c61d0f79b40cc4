package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Many tenants in one JVM (issue 24): the consumers of a component share its bounded poll scheduler
 * ({@code schedulerPoolSize}) instead of a thread each, and a tenant starved by its own rate limit does not hold the
 * shared threads that the others need to keep their cadence.
 */
class SharedPollSchedulerTest {

    private static final List<String> TENANTS = List.of("tenant-a", "tenant-b", "tenant-c", "tenant-d");
    /** More starved tenants than the pool has threads: without the start gate they would hold every thread. */
    private static final List<String> STARVED = List.of("starved-1", "starved-2", "starved-3");

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder()
            .secrets("tenant-a", "tenant-b", "tenant-c", "tenant-d", "starved-1", "starved-2", "starved-3"));

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** A context as an application sets it up: the base URL and pool size once, each tenant's secret in its route. */
    private CamelContext start(int schedulerPoolSize, List<String> tenants, String options, Set<String> threads)
            throws Exception {
        context = new DefaultCamelContext();
        SimulatorCamel.component(context).setSchedulerPoolSize(schedulerPoolSize);
        SimulatorCamel.configuration(context).setBaseUrl(cashfin.baseUrl());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String tenant : tenants) {
                    String limits = tenant.startsWith("starved") ? "&maxRequestsPerMinute=2" : "";
                    from("cashfin-leads:list?clientSecret=" + tenant + "&plan=unlimited" + limits + options)
                            .routeId(tenant)
                            .process(e -> threads.add(Thread.currentThread().getName()));
                }
            }
        });
        context.start();
        return context;
    }

    private CashfinLeadsConsumer consumer(String routeId) {
        return (CashfinLeadsConsumer) context.getRoute(routeId).getConsumer();
    }

    @Test
    void everyConsumerPollsOnTheComponentsBoundedPoolInsteadOfAThreadEach() throws Exception {
        cashfin.insertLeads(1);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        start(2, TENANTS, "&delay=200&initialDelay=0", threads);

        await().atMost(Duration.ofSeconds(20)).until(() -> TENANTS.stream().allMatch(t -> consumer(t).getLeadsEmitted() >= 1));

        assertThat(threads).as("the threads that ran the routes' polls").hasSizeBetween(1, 2)
                .allMatch(name -> name.contains("CashfinLeadsPoll"));
        List<String> perConsumerThreads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("cashfin-leads://")) {
                perConsumerThreads.add(t.getName());
            }
        }
        assertThat(perConsumerThreads).as("Camel's thread of its own per consumer").isEmpty();
    }

    /**
     * Each consumer keeps one task scheduled on the shared scheduler: 1,500 routes schedule 1,500 (Camel's default
     * thread-pool profile would refuse the 1,001st, and the context would not start; ManyTenantsBenchmark found it).
     */
    @Test
    void theSharedSchedulerTakesATaskForEachOfThousandsOfConsumers() {
        context = new DefaultCamelContext();
        context.start();
        ScheduledExecutorService scheduler = SimulatorCamel.component(context).sharedScheduler();
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            tasks.add(scheduler.scheduleWithFixedDelay(() -> { }, 1, 1, TimeUnit.HOURS));
        }
        assertThat(tasks).hasSize(1_500).noneMatch(ScheduledFuture::isDone);
        tasks.forEach(t -> t.cancel(false));
    }

    @Test
    void tenantsStarvedByTheirOwnLimitHoldNoThreadAndTheOthersKeepTheirCadence() throws Exception {
        List<String> all = new ArrayList<>(TENANTS);
        all.addAll(STARVED);
        try (LogCapture log = new LogCapture()) {
            // 2 threads for 7 routes polling every 200 ms; the starved ones may call twice a minute and would each
            // wait about 30 s for their next call (maxRetryWait is 60 s)
            start(2, all, "&delay=200&initialDelay=0", ConcurrentHashMap.newKeySet());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> STARVED.stream().allMatch(t -> consumer(t).getPolls() >= 1));
            Map<String, Long> before = new ConcurrentHashMap<>();
            TENANTS.forEach(t -> before.put(t, consumer(t).getPolls()));
            long starvedBefore = STARVED.stream().mapToLong(t -> consumer(t).getPolls()).sum();
            // 10 polls at delay=200 ms take 2 s: the others keep polling while the starved ones wait
            await().atMost(Duration.ofSeconds(15)).until(
                    () -> TENANTS.stream().allMatch(t -> consumer(t).getPolls() >= before.get(t) + 10));

            assertThat(STARVED.stream().mapToLong(t -> consumer(t).getPolls()).sum())
                    .as("the starved tenants' polls meanwhile: none starts before its call is allowed")
                    .isEqualTo(starvedBefore);
            for (String t : STARVED) {
                assertThat(log.lines().stream().filter(l -> l.contains("Polls of route " + t + " ")
                                                            && l.contains("no poll thread is held")).distinct())
                        .as("one line when %s's polls are held back", t).hasSize(1);
            }
        }
    }

    /**
     * The start gate is for scheduled polls: a poll driven by hand ({@code startScheduler=false}) holds no scheduler
     * thread, so under a paced limit (6 calls a minute: its next call about 10 s away, far beyond the gate's 1 s) it
     * waits for its call and makes it, as a user driving polls expects, instead of returning without a call.
     */
    @Test
    void aPollDrivenByHandUnderAPacedLimitWaitsAndMakesItsCall() throws Exception {
        context = new DefaultCamelContext();
        SimulatorCamel.configuration(context).setBaseUrl(cashfin.baseUrl());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?clientSecret=tenant-a&plan=unlimited&maxRequestsPerMinute=6"
                     + "&startScheduler=false").routeId("by-hand").log("${body}");
            }
        });
        context.start();
        CashfinLeadsConsumer consumer = consumer("by-hand");
        consumer.run(); // its call spends the limit: the next is about 10 s away
        long before = cashfin.listCalls();
        consumer.run();
        assertThat(cashfin.listCalls() - before).as("list calls of the next hand-driven poll, its call 10 s away")
                .isEqualTo(1);
    }
}
