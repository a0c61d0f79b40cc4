package africa.cashfin.camel.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import africa.cashfin.camel.examples.app.CashfinExamplesApp;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Plan;

/**
 * The web form under a flood, in the real examples app (Camel Main, the YAML routes) against the simulator: {@code
 * --posts} posts from one client, {@code --concurrency} at a time, while the lead consumer polls (Flow 4) and a CSV
 * of {@code --csv-rows} rows imports (Flow 1). Prints the answers (status counts, p50/p99/max time), the leads created
 * from the flooding client, the Cashfin calls spent (by kind) and the consumer's poll intervals before and during the
 * flood (after {@code --warmup} GETs of the form page). Run:
 * {@code mvn -B -ntp -pl camel-cashfin-benchmarks -am package -DskipTests -Pform-flood}.
 */
public final class FormFloodBenchmark {

    private static final String LIST_PATH = "/business/lead/list";
    private static final String CREATE_PATH = "/business/lead/create";

    private FormFloodBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions o = new BenchmarkOptions(args);
        int posts = o.getInt("--posts", 300);
        int concurrency = o.getInt("--concurrency", 50);
        int csvRows = o.getInt("--csv-rows", 300);
        int pollMs = o.getInt("--poll-ms", 2000);
        int baselineSeconds = o.getInt("--baseline-seconds", 20);
        Plan plan = Plan.parse(o.get("--plan", "starter"));
        // the consumer's and the form's shares of the budget (budgetReserve); the app's defaults, 0 for none
        String syncReserve = o.get("--sync-reserve", "0.3");
        String formReserve = o.get("--form-reserve", "0.2");

        Path work = Files.createTempDirectory("cashfin-form-flood-");
        try (CashfinSimulator cashfin = CashfinSimulator.builder().plan(plan).requestJournal(500_000).start()) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("cashfin.work-dir", work.toString());
            s.put("cashfin.base-url", cashfin.baseUrl());
            s.put("cashfin.form.captcha.provider", "none");
            s.put("cashfin.client-secret", cashfin.secret());
            s.put("cashfin.plan", plan.name().toLowerCase(Locale.ROOT));
            s.put("camel.server.port", String.valueOf(freePort()));
            s.put("cashfin.sync.poll-delay", String.valueOf(pollMs));
            s.put("cashfin.sync.start-from", "now");
            s.put("cashfin.csv.poll-delay", "500");
            s.put("cashfin.mail.poll-delay", "60000");
            s.put("cashfin.sync.budget-reserve", syncReserve);
            s.put("cashfin.form.budget-reserve", formReserve);
            try (CashfinExamplesApp app = new CashfinExamplesApp(s).start()) {
                URI form = URI.create("http://localhost:" + app.setting("camel.server.port")
                                      + app.setting("cashfin.form.path"));
                System.out.printf("Form flood: %d posts from one client, %d at a time, CSV of %d rows, consumer"
                                  + " every %d ms, plan %s, budgetReserve consumer %s, form %s%n", posts, concurrency,
                        csvRows, pollMs, plan.name(), syncReserve, formReserve);
                ExecutorService httpThreads = Executors.newFixedThreadPool(4);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(httpThreads).connectTimeout(Duration.ofSeconds(10)).build();
                ExecutorService pool = Executors.newFixedThreadPool(concurrency);
                warmUp(http, pool, form, o.getInt("--warmup", 500)); // the form page: JIT and connections warm
                Thread.sleep(baselineSeconds * 1000L); // the consumer's cadence alone
                Instant floodStart = Instant.now();
                Path csv = Path.of(app.setting("cashfin.csv.inbox"));
                Path tmp = csv.resolve(".flood-import.csv.part");
                Files.writeString(tmp, csv(csvRows), StandardCharsets.UTF_8);
                Files.move(tmp, csv.resolve("flood-import.csv"));

                List<Future<long[]>> answers = new ArrayList<>();
                for (int i = 0; i < posts; i++) {
                    String body = "name=Flood+" + i + "&email=flood" + i + "%40flood.example&message=buy&website_url=";
                    answers.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(form).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        return new long[] {r.statusCode(), System.nanoTime() - t0};
                    }));
                }
                Map<Long, Integer> statuses = new TreeMap<>();
                List<Long> times = new ArrayList<>();
                for (Future<long[]> f : answers) {
                    long[] a = f.get();
                    statuses.merge(a[0], 1, Integer::sum);
                    times.add(a[1]);
                }
                pool.shutdown();
                httpThreads.shutdown(); // non-daemon threads: the JVM would not exit
                Instant floodAnswered = Instant.now();
                Path done = Path.of(app.setting("cashfin.csv.reports-dir")).resolve("done").resolve("flood-import.csv");
                while (!(Files.exists(done) && app.formQueue().pending() == 0)) {
                    Thread.sleep(200);
                }
                Instant drained = Instant.now();
                Thread.sleep(2L * pollMs);

                Collections.sort(times);
                long floodLeads = cashfin.leads().stream().filter(l -> String.valueOf(l.get("email"))
                        .endsWith("@flood.example")).count();
                long csvLeads = cashfin.leads().stream().filter(l -> String.valueOf(l.get("email"))
                        .endsWith("@csv.example")).count();
                List<ServeEvent> events = new ArrayList<>(cashfin.wireMockServer().getAllServeEvents());
                events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
                List<Instant> polls = new ArrayList<>();
                long creates = 0;
                long searches = 0;
                long consumerPages = 0;
                long during = 0;
                for (ServeEvent e : events) {
                    Instant at = e.getRequest().getLoggedDate().toInstant();
                    String url = e.getRequest().getUrl();
                    boolean inFlood = !at.isBefore(floodStart) && !at.isAfter(drained);
                    boolean consumer = url.startsWith(LIST_PATH) && !url.contains("search=");
                    if (consumer && (url.contains("page=1&") || url.endsWith("page=1"))) {
                        polls.add(at); // a poll starts with the first page; further pages belong to the same poll
                    }
                    if (inFlood && consumer) {
                        consumerPages++;
                    } else if (inFlood && url.startsWith(CREATE_PATH)) {
                        creates++;
                    } else if (inFlood && url.startsWith(LIST_PATH)) {
                        searches++;
                    }
                    if (inFlood) {
                        during++;
                    }
                }
                System.out.printf("answers: %s; p50 %.0f ms, p99 %.0f ms, max %.0f ms (all %d answered in %.1f s)%n",
                        statuses, ms(times, 0.50), ms(times, 0.99), times.get(times.size() - 1) / 1e6, posts,
                        Duration.between(floodStart, floodAnswered).toMillis() / 1000.0);
                System.out.printf("leads from the flooding client: %d (per-client limit %s per %s); CSV leads: %d of"
                                  + " %d rows%n", floodLeads, app.setting("cashfin.form.limit.per-client"),
                        app.setting("cashfin.form.limit.per-client-period"), csvLeads, csvRows);
                System.out.printf("Cashfin calls from the flood start until queue and CSV were done (%.1f s): %d"
                                  + " (%d creates, %d dedupe searches, %d consumer list pages)%n",
                        Duration.between(floodStart, drained).toMillis() / 1000.0, during, creates, searches,
                        consumerPages);
                System.out.println("consumer poll interval before the flood: " + intervals(polls, null, floodStart));
                System.out.println("consumer poll interval during the flood: " + intervals(polls, floodStart,
                        drained));
            }
        }
    }

    private static void warmUp(HttpClient http, ExecutorService pool, URI form, int requests) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            done.add(pool.submit(() -> http.send(HttpRequest.newBuilder(form).GET().build(),
                    HttpResponse.BodyHandlers.discarding())));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static String intervals(List<Instant> polls, Instant from, Instant to) {
        List<Long> gaps = new ArrayList<>();
        Instant previous = null;
        for (Instant p : polls) {
            if ((from == null || !p.isBefore(from)) && !p.isAfter(to)) {
                if (previous != null) {
                    gaps.add(Duration.between(previous, p).toMillis());
                }
                previous = p;
            }
        }
        if (gaps.isEmpty()) {
            return "no two polls in the window";
        }
        Collections.sort(gaps);
        return String.format(Locale.ROOT, "%d polls, median %d ms, max %d ms", gaps.size() + 1,
                gaps.get(gaps.size() / 2), gaps.get(gaps.size() - 1));
    }

    private static double ms(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    private static String csv(int rows) {
        StringBuilder b = new StringBuilder("Full Name,Email,Company\n");
        for (int i = 0; i < rows; i++) {
            b.append("Csv Person ").append(i).append(",csv").append(i).append("@csv.example,Importers Ltd\n");
        }
        return b.toString();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
