package africa.cashfin.camel.benchmarks;

import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures how many requests per second the Cashfin simulator serves: N client threads (java.net.http, HTTP/1.1,
 * keep-alive) mix creates and list pages against one simulator on the unlimited plan, for a warm-up then a
 * measured period, and print requests/s. Options (all optional): {@code --threads 8 --warmup 20 --seconds 20
 * --create-ratio 0.5}. Run it as shown in docs/performance.md; it is not a test and CI never runs it.
 */
public final class SimulatorThroughputBenchmark {

    private SimulatorThroughputBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        int threads = options.getInt("--threads", 8);
        int warmupSeconds = options.getInt("--warmup", 20);
        int seconds = options.getInt("--seconds", 20);
        double createRatio = options.getDouble("--create-ratio", 0.5);

        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.UNLIMITED).seedLeads(500, 1).start()) {
            HttpRequest create = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/business/lead/create"))
                    .header("Authorization", sim.secret()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Jane Smith\",\"email\":\"jane@example.com\","
                            + "\"phone\":\"+254722000001\",\"company\":\"Acme Corp\",\"source\":\"website\",\"budget\":50000}"))
                    .build();
            List<HttpRequest> lists = new ArrayList<>();
            for (int page = 1; page <= 5; page++) {
                lists.add(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/business/lead/list?limit=10&page=" + page))
                        .header("Authorization", sim.secret()).GET().build());
            }

            System.out.printf("Simulator throughput: %d client threads, create ratio %.2f, %d s warm-up, %d s measured%n",
                    threads, createRatio, warmupSeconds, seconds);
            run(create, lists, threads, createRatio, warmupSeconds);
            long before = sim.totalRequests();
            long serverCpuBefore = serverCpuNanos();
            LoadLoop.Result result = run(create, lists, threads, createRatio, seconds);
            long served = sim.totalRequests() - before;
            double serverCpuMicros = (serverCpuNanos() - serverCpuBefore) / 1e3 / Math.max(1, result.ok());
            double processCpuMicros = result.cpuMicros();
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("Requests: %d ok, %d errors in %.2f s%n", result.ok(), result.errors(), result.seconds());
            System.out.printf("Simulator counted %d requests (%d creates ok, %d lists ok), %d leads stored%n", served,
                    sim.requestCount(Endpoint.CREATE, Outcome.OK), sim.requestCount(Endpoint.LIST, Outcome.OK),
                    sim.leadCount());
            System.out.printf("CPU per request: simulator (Jetty threads) %.1f us, whole process (clients too) %.1f us%n",
                    serverCpuMicros, processCpuMicros);
            System.out.printf("Simulator capacity if it had all %d cores: %.0f requests/s%n", cores,
                    cores * 1e6 / serverCpuMicros);
            System.out.printf("System load average at end: %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("THROUGHPUT: %.0f requests/s (%d cores, Java %s)%n", result.rate(),
                    cores, System.getProperty("java.version"));
        }
    }

    private static LoadLoop.Result run(HttpRequest create, List<HttpRequest> lists, int threads,
            double createRatio, int seconds) throws Exception {
        return LoadLoop.run(threads, seconds, () -> {
            // one client (own connection and selector thread) per thread, HTTP/1.1 keep-alive
            // direct executor: response processing runs on the client's selector thread (fewer thread hops)
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Runnable::run).connectTimeout(Duration.ofSeconds(10)).build();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return () -> {
                HttpRequest request = random.nextDouble() < createRatio ? create
                        : lists.get(random.nextInt(lists.size()));
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 300;
            };
        });
    }

    /** CPU time of the simulator's Jetty worker threads (named qtp...). */
    private static long serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : mx.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith("qtp")) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    sum += cpu;
                }
            }
        }
        return sum;
    }
}
