package africa.cashfin.camel.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Plan;

/**
 * Create throughput with no rate limit, same machine, same simulator, same concurrency, for three ways of creating
 * a lead from the same {@code Map} of fields:
 * <ol>
 * <li>{@code component}: a route {@code direct:component -> cashfin-leads:create?plan=unlimited} driven by a
 * ProducerTemplate from N threads;</li>
 * <li>{@code raw}: a loop on a pooled Apache HttpClient 5 (the same pool settings as the component), the body written
 * and the answer parsed with Jackson;</li>
 * <li>{@code camel-http}: what a user writes without the component: {@code marshal().json()}, Authorization and
 * Content-Type headers, {@code to("http://...")}, {@code unmarshal().json()}.</li>
 * </ol>
 * Each contender runs a warm-up, then {@code --rounds} measured rounds of {@code --seconds}, interleaved (the order
 * rotates each round) so that load from other processes hits all three alike; the median and best creates/s are
 * printed with the ratios. Options: {@code --threads 8 --warmup 40 --seconds 10 --rounds 6}, and
 * {@code --contenders component,raw,camel-http} to run only some (e.g. under a profiler). Not a test.
 */
public final class CreateThroughputBenchmark {

    private CreateThroughputBenchmark() {
    }

    /** A way of creating one lead; returns normally on success. */
    interface Creator {
        void create(Map<String, Object> lead) throws Exception;
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        int threads = options.getInt("--threads", 8);
        int warmup = options.getInt("--warmup", 40);
        int seconds = options.getInt("--seconds", 10);
        int rounds = options.getInt("--rounds", 6);

        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.UNLIMITED).start();
             CamelContext camel = BenchmarkRig.contextOn(sim);
             RawHttpClientCreator raw = new RawHttpClientCreator(sim.baseUrl(), sim.secret(), threads * 2)) {
            String secret = sim.secret();
            String createUrl = sim.baseUrl() + "/business/lead/create";
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:component").to("cashfin-leads:create?plan=unlimited&maxConnections=" + threads * 2);
                    from("direct:camel-http")
                            .marshal().json(JsonLibrary.Jackson)
                            .setHeader("Authorization", constant(secret))
                            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                            .to(createUrl)
                            .unmarshal().json(JsonLibrary.Jackson, Map.class);
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Map<String, Creator> contenders = new LinkedHashMap<>();
            contenders.put("component", lead -> send(template, "direct:component", lead));
            contenders.put("raw", raw::create);
            contenders.put("camel-http", lead -> send(template, "direct:camel-http", lead));
            List<String> only = Arrays.asList(options.get("--contenders", "component,raw,camel-http").split(","));
            contenders.keySet().retainAll(only);

            System.out.printf("Create throughput, no rate limit: %d threads, %d s warm-up each, %d rounds of %d s,"
                              + " %d cores, Java %s%n", threads, warmup, rounds, seconds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            for (Map.Entry<String, Creator> c : contenders.entrySet()) {
                sim.reset();
                LoadLoop.Result r = run(c.getValue(), threads, warmup);
                System.out.printf("warm-up %-10s %8.0f creates/s (%d errors)%n", c.getKey(), r.rate(), r.errors());
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            contenders.keySet().forEach(k -> rates.put(k, new ArrayList<>()));
            contenders.keySet().forEach(k -> cpu.put(k, new ArrayList<>()));
            List<String> order = new ArrayList<>(contenders.keySet());
            for (int round = 1; round <= rounds; round++) {
                for (String name : order) {
                    sim.reset(); // every run starts with an empty store: no run pays for the leads of the previous
                    System.gc();
                    LoadLoop.Result r = run(contenders.get(name), threads, seconds);
                    rates.get(name).add(r.rate());
                    cpu.get(name).add(r.cpuMicros());
                    System.out.printf("round %d %-10s %8.0f creates/s %6.0f us CPU/create (%d errors, load %.1f)%n",
                            round, name, r.rate(), r.cpuMicros(), r.errors(),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
                order.add(order.remove(0));
            }
            if (contenders.size() < 3) {
                rates.forEach((k, v) -> System.out.printf("RESULT %-10s median %8.0f%n", k, median(v)));
                return;
            }
            double componentMedian = median(rates.get("component"));
            for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
                System.out.printf("RESULT %-10s median %8.0f best %8.0f creates/s; median %5.0f us CPU/create%n",
                        e.getKey(), median(e.getValue()), best(e.getValue()), median(cpu.get(e.getKey())));
            }
            System.out.printf("RATIO component/raw        median %.3f  best %.3f%n",
                    componentMedian / median(rates.get("raw")), best(rates.get("component")) / best(rates.get("raw")));
            System.out.printf("RATIO component/camel-http median %.3f  best %.3f%n",
                    componentMedian / median(rates.get("camel-http")),
                    best(rates.get("component")) / best(rates.get("camel-http")));
            System.out.printf("CPU/create component/raw %.3f, component/camel-http %.3f (lower is cheaper)%n",
                    median(cpu.get("component")) / median(cpu.get("raw")),
                    median(cpu.get("component")) / median(cpu.get("camel-http")));
            System.out.printf("Simulator stored %d leads in the last run%n", sim.leadCount());
        }
    }

    private static void send(ProducerTemplate template, String uri, Map<String, Object> lead) throws Exception {
        Exchange out = template.send(uri, e -> e.getMessage().setBody(lead));
        if (out.getException() != null) {
            throw out.getException();
        }
    }

    /** Runs {@code creator} from {@code threads} threads for {@code seconds}, each call with a new lead. */
    private static LoadLoop.Result run(Creator creator, int threads, int seconds) throws Exception {
        AtomicLong sequence = new AtomicLong();
        LoadLoop.Result result = LoadLoop.run(threads, seconds, () -> () -> {
            long n = sequence.incrementAndGet();
            Map<String, Object> lead = new LinkedHashMap<>();
            lead.put("name", "Jane Smith " + n);
            lead.put("email", "jane" + n + "@example.com");
            lead.put("phone", "+254722000001");
            lead.put("company", "Acme Corp");
            lead.put("source", "website");
            lead.put("budget", 50000);
            creator.create(lead);
            return true;
        });
        if (result.firstError() != null) {
            System.out.println("first error: " + result.firstError());
        }
        return result;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /**
     * The raw baseline: one pooled Apache HttpClient 5 with the component's settings (HTTP/1.1, no retries, no
     * redirects, no cookies), Jackson for the body and the answer.
     */
    static final class RawHttpClientCreator implements AutoCloseable {
        private final ObjectMapper mapper = new ObjectMapper();
        private final PoolingHttpClientConnectionManager pool;
        private final CloseableHttpClient http;
        private final String url;
        private final String secret;

        RawHttpClientCreator(String baseUrl, String secret, int maxConnections) {
            this.url = baseUrl + "/business/lead/create";
            this.secret = secret;
            this.pool = PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(maxConnections)
                    .setMaxConnPerRoute(maxConnections)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                            .setSocketTimeout(Timeout.ofSeconds(30)).setValidateAfterInactivity(TimeValue.ofSeconds(2))
                            .build())
                    .build();
            this.http = HttpClients.custom().setConnectionManager(pool)
                    .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30))
                            .setRedirectsEnabled(false).build())
                    .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().build();
        }

        void create(Map<String, Object> lead) throws Exception {
            HttpPost post = new HttpPost(url);
            post.setHeader("Authorization", secret);
            post.setHeader("Accept", "application/json");
            post.setEntity(new ByteArrayEntity(mapper.writeValueAsBytes(lead), ContentType.APPLICATION_JSON));
            JsonNode answer = http.execute(post, response -> {
                byte[] body = EntityUtils.toByteArray(response.getEntity());
                if (response.getCode() >= 300) {
                    throw new IllegalStateException("HTTP " + response.getCode());
                }
                return mapper.readTree(body);
            });
            if (!answer.path("data").hasNonNull("_id")) {
                throw new IllegalStateException("no _id in " + Arrays.toString(new Object[] { answer }));
            }
        }

        @Override
        public void close() {
            http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
            pool.close();
        }
    }
}
