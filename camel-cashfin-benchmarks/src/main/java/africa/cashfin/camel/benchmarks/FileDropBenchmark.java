package africa.cashfin.camel.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import africa.cashfin.camel.examples.app.CashfinExamplesApp;

/**
 * A million rows through the examples' real file-drop route ({@code routes/csv-import.camel.yaml}, Camel Main, the
 * {@code csvImports} bean, {@code cashfin-leads:create}) against the Cashfin simulator on the unlimited plan, measuring
 * rows per second and the heap of the importing JVM. Generates a CSV file ({@code --rows}, default 1,000,000) and an
 * Excel workbook ({@code --xlsx-rows}, default 200,000; 0 skips it), drops each into the inbox and waits until the file
 * is in {@code inbox-reports/done/}. The simulator runs in a child JVM ({@code --sim-heap}, default 4g), as Cashfin is another
 * system: it keeps every lead in memory. The workbook is written by another child JVM with POI's SXSSF and a shared
 * strings table, as Excel writes it (distinct texts in one table the reader must hold). Run this JVM with
 * {@code -Xmx256m}: the heap is sampled every 100 ms. Other options: {@code --progress-every 100000},
 * {@code --bad-every 1000} (every Nth row has an invalid e-mail: the errors file is exercised),
 * {@code --timeout-minutes 180}, {@code --progress-saves 20000} (after the imports, times that many saves of a
 * file's progress record in the app's database and flushes of a report line: what the import does per row besides
 * the create; 0 skips it), {@code --jdbc-url URL} (the app's database instead of the embedded H2 file, e.g. that file
 * with other settings). Prints the rows per second (wall clock), the CPU time of the importing JVM per row
 * (steadier on a shared machine), the peak heap and the highest heap after a collection. Not a test.
 */
public final class FileDropBenchmark {

    private static final String[] FIRST = { "Amina", "Kwame", "Thandiwe", "Chidi", "Wanjiru", "Zoë", "Fatima",
                                            "Tendai", "Aïssata", "Selam", "Kofi", "Nomvula", "Yusuf", "Adaeze",
                                            "Hélène", "Baraka" };
    private static final String[] LAST = { "Otieno", "Mensah", "Nkosi", "Okafor", "Kamau", "Traoré", "Benali", "Moyo",
                                           "Tesfaye", "Boateng", "Dlamini", "Abdi", "Okonkwo", "N'Diaye", "Mwangi",
                                           "Kaboré" };
    private static final String[] COMPANY = { "Savannah Solar", "Volta Foods", "Karoo Water", "Lagos Cold Chain",
                                              "Atlas Textiles", "Sahel Coton SA", "Jua Energy Ltd", "Kigali Print" };
    private static final String[] COUNTRY = { "Kenya", "Ghana", "South Africa", "Nigeria", "Morocco", "Burkina Faso",
                                              "Kenya", "Rwanda" };
    private static final String[] BUDGET = { "50,000", "KES 120,000", "$1,200", "15k", "2500", "R 15 000" };

    private static int timeoutMinutes = 180;

    private FileDropBenchmark() {
    }

    /**
     * @param args options, see the class comment; {@code --generate-xlsx <file> <rows>} is the child JVM's mode
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--generate-xlsx")) {
            generateXlsx(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        BenchmarkOptions options = new BenchmarkOptions(args);
        int rows = options.getInt("--rows", 1_000_000);
        int xlsxRows = options.getInt("--xlsx-rows", 200_000);
        int progressEvery = options.getInt("--progress-every", 100_000);
        int badEvery = options.getInt("--bad-every", 1000);
        int progressSaves = options.getInt("--progress-saves", 20_000);
        String simHeap = options.get("--sim-heap", "4g");
        String jdbcUrl = options.get("--jdbc-url", "");
        timeoutMinutes = options.getInt("--timeout-minutes", 180);
        Path work = Files.createTempDirectory("cashfin-file-drop-benchmark-");
        System.out.printf(Locale.ROOT, "File drop benchmark: %,d CSV rows, %,d workbook rows; this JVM -Xmx %d MB;"
                                       + " %d cores; Java %s; load average %s; work %s%n", rows, xlsxRows,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadAverage(), work);

        Process sim = startSimulator(simHeap, work);
        try {
            String[] urlAndSecret = simulatorAddress(sim);
            String baseUrl = urlAndSecret[0];
            Path csv = generateCsv(work.resolve("generated/leads-" + rows + ".csv"), rows, badEvery);
            Path xlsx = xlsxRows > 0 ? generateXlsxInChild(work.resolve("generated/leads-" + xlsxRows + ".xlsx"),
                    xlsxRows) : null;

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("cashfin.work-dir", work.resolve("app").toString());
            settings.put("cashfin.base-url", baseUrl);
            settings.put("cashfin.form.captcha.provider", "none");
            settings.put("cashfin.client-secret", urlAndSecret[1]);
            settings.put("cashfin.plan", "unlimited");
            settings.put("cashfin.deduplicate-by", "none");
            settings.put("cashfin.csv.progress-every", String.valueOf(progressEvery));
            if (!jdbcUrl.isBlank()) { // e.g. the embedded H2 file with other settings, to compare
                settings.put("cashfin.jdbc.url", jdbcUrl);
            }
            settings.put("cashfin.csv.poll-delay", "500");
            // files are moved into the inbox atomically: complete at once
            settings.put("cashfin.csv.min-age", "500");
            settings.put("camel.server.port", String.valueOf(freePort()));
            // only Flow 1: the other flows would compete for the same cores (the sync flow would copy every lead)
            settings.put("camel.main.routes-include-pattern", "classpath:routes/csv-import.camel.yaml");
            try (CashfinExamplesApp app = new CashfinExamplesApp(settings).start()) {
                Path inbox = Path.of(app.setting("cashfin.csv.inbox"));
                List<String> results = new ArrayList<>();
                results.add(drop(inbox, csv, rows, baseUrl));
                if (xlsx != null) {
                    post(baseUrl + "/__cashfin/reset");
                    results.add(drop(inbox, xlsx, xlsxRows, baseUrl));
                }
                if (progressSaves > 0) {
                    results.add(progressSaves(app, progressSaves, work.resolve("progress-save-report.csv")));
                }
                System.out.println();
                results.forEach(System.out::println);
                System.out.println("load average after: " + loadAverage());
            }
        } finally {
            sim.destroy();
            sim.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Drops {@code file} into the inbox, waits until it is done, and returns the RESULT line. */
    private static String drop(Path inbox, Path file, int rows, String baseUrl) throws Exception {
        String name = file.getFileName().toString();
        System.gc();
        HeapSampler heap = new HeapSampler();
        heap.start();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Files.move(file, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Path reports = inbox.resolveSibling("inbox-reports");
        Path done = reports.resolve("done").resolve(name);
        Path failed = reports.resolve("error").resolve(name);
        long lastLine = System.nanoTime();
        while (!Files.exists(done)) {
            if (Files.exists(failed)) {
                throw new IllegalStateException(name + " went to .error: "
                                                + Files.readString(failed.resolveSibling(name + ".error.txt")));
            }
            Thread.sleep(200);
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(timeoutMinutes)) {
                throw new IllegalStateException(name + " not done after " + timeoutMinutes + " minutes");
            }
            if (System.nanoTime() - lastLine > 30_000_000_000L) {
                System.out.println(heap.line());
                lastLine = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        heap.stopSampling();
        Map<String, Long> outcomes = outcomes(reports.resolve("done").resolve(reportName(name)));
        long stored = leadsStored(baseUrl);
        return String.format(Locale.ROOT, "RESULT %s: %,d rows in %.0f s = %,.0f rows/s; created %,d, failed %,d,"
                                          + " leads stored %,d; peak heap used %d MB (sampled every 100 ms), highest"
                                          + " heap after GC %d MB, -Xmx %d MB; CPU of the importing JVM %.0f s"
                                          + " (%.2f ms per row)", name, rows, seconds, rows / seconds,
                outcomes.getOrDefault("created", 0L), outcomes.getOrDefault("failed", 0L), stored,
                heap.peakUsed.get() >> 20, heap.peakAfterGc.get() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                cpuSeconds, cpuSeconds * 1000 / rows);
    }

    /**
     * The cost of what the import does after each row's outcome besides the create (issue 21: should it be batched?):
     * the progress record saved in the app's database ({@code ImportProgressStore} on the app's
     * {@code JdbcStateRepository}, the same table and connection pool as the import) and the report's flush (one line
     * appended to a file and flushed), {@code saves} times each, after the imports.
     */
    private static String progressSaves(CashfinExamplesApp app, int saves, Path reportFile) throws IOException {
        africa.cashfin.camel.examples.csv.ImportProgressStore store = new africa.cashfin.camel.examples.csv
                .ImportProgressStore(new africa.cashfin.camel.leads.state.JdbcStateRepository(app.dataSource()));
        africa.cashfin.camel.examples.csv.ImportProgress progress = africa.cashfin.camel.examples.csv.ImportProgress
                .start("0".repeat(64), java.time.Instant.now());
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        for (int i = 1; i <= Math.min(1_000, saves); i++) { // warm-up
            store.save("warm-up.csv", progress.at(i, new africa.cashfin.camel.examples.csv.ImportSummary(i, i, 0, 0,
                    java.time.Duration.ZERO)));
        }
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 1; i <= saves; i++) {
            store.save("progress-save-benchmark.csv", progress.at(i, new africa.cashfin.camel.examples.csv
                    .ImportSummary(i, i, 0, 0, java.time.Duration.ZERO)));
        }
        double saveMicros = (System.nanoTime() - start) / 1e3 / saves;
        double saveCpuMicros = (os.getProcessCpuTime() - cpuStart) / 1e3 / saves;
        cpuStart = os.getProcessCpuTime();
        start = System.nanoTime();
        try (Writer w = Files.newBufferedWriter(reportFile, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= saves; i++) {
                w.write(i + ",created,lead-" + i + ",\r\n");
                w.flush();
            }
        }
        double flushMicros = (System.nanoTime() - start) / 1e3 / saves;
        double flushCpuMicros = (os.getProcessCpuTime() - cpuStart) / 1e3 / saves;
        return String.format(Locale.ROOT, "RESULT per-row progress: %,d saves of the progress record in the app's"
                                          + " database: %.0f us each (CPU %.0f us); %,d report lines flushed: %.1f us"
                                          + " each (CPU %.1f us)", saves, saveMicros, saveCpuMicros, saves,
                flushMicros, flushCpuMicros);
    }

    private static String reportName(String name) {
        return (name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name) + ".report.csv";
    }

    /** Counts the report's outcomes, reading it as a stream. */
    private static Map<String, Long> outcomes(Path report) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                counts.merge(rec.get("outcome"), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static Path generateCsv(Path file, int rows, int badEvery) throws IOException {
        Files.createDirectories(file.getParent());
        long start = System.nanoTime();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Full Name,Email,Phone,Company,Country,Budget,Notes\r\n");
            for (int i = 1; i <= rows; i++) {
                String first = FIRST[i % FIRST.length];
                String last = LAST[(i / FIRST.length) % LAST.length];
                String email = badEvery > 0 && i % badEvery == 0 ? "no-at-sign." + i + ".example"
                        : ascii(first) + "." + ascii(last) + "." + i + "@" + "example.com";
                w.write(first + " " + last + "," + email + ",+2547" + String.format(Locale.ROOT, "%08d", i % 100_000_000)
                        + ",\"" + COMPANY[i % COMPANY.length] + "\"," + COUNTRY[i % COUNTRY.length] + ",\""
                        + BUDGET[i % BUDGET.length] + "\",\"Row " + i + ", from the trade fair\"\r\n");
            }
        }
        System.out.printf(Locale.ROOT, "Generated %s (%,d rows, %,d MB) in %.0f s%n", file.getFileName(), rows,
                Files.size(file) >> 20, (System.nanoTime() - start) / 1e9);
        return file;
    }

    private static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ROOT);
    }

    /** Writes the workbook in a child JVM: SXSSF with a shared strings table needs more heap than the import. */
    private static Path generateXlsxInChild(Path file, int rows) throws Exception {
        Files.createDirectories(file.getParent());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                FileDropBenchmark.class.getName(), "--generate-xlsx", file.toString(), String.valueOf(rows))
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Generating the workbook failed (exit " + p.exitValue() + ")");
        }
        System.out.printf(Locale.ROOT, "Generated %s (%,d rows, %,d MB) in %.0f s%n", file.getFileName(), rows,
                Files.size(file) >> 20, (System.nanoTime() - start) / 1e9);
        return file;
    }

    /** The workbook: like the CSV, plus a date column; the budget a number in a thousands format. */
    static void generateXlsx(Path file, int rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(new org.apache.poi.xssf.usermodel.XSSFWorkbook(), 200, true, true);
             OutputStream out = Files.newOutputStream(file)) {
            SXSSFSheet sheet = wb.createSheet("Leads");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle thousands = wb.createCellStyle();
            thousands.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            Row header = sheet.createRow(0);
            String[] names = { "Full Name", "Email", "Phone", "Company", "Country", "Budget", "Enquiry Date", "Notes" };
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            LocalDate day = LocalDate.of(2026, 1, 1);
            for (int i = 1; i <= rows; i++) {
                Row r = sheet.createRow(i);
                String first = FIRST[i % FIRST.length];
                String last = LAST[(i / FIRST.length) % LAST.length];
                r.createCell(0).setCellValue(first + " " + last);
                r.createCell(1).setCellValue(ascii(first) + "." + ascii(last) + "." + i + "@example.com");
                r.createCell(2).setCellValue("+2547" + String.format(Locale.ROOT, "%08d", i % 100_000_000));
                r.createCell(3).setCellValue(COMPANY[i % COMPANY.length]);
                r.createCell(4).setCellValue(COUNTRY[i % COUNTRY.length]);
                r.createCell(5).setCellValue(1000 + (i % 500) * 250.5);
                r.getCell(5).setCellStyle(thousands);
                r.createCell(6).setCellValue(day.plusDays(i % 365));
                r.getCell(6).setCellStyle(date);
                r.createCell(7).setCellValue("Row " + i + ", from the trade fair");
            }
            wb.write(out);
            wb.dispose();
        }
    }

    private static Process startSimulator(String heap, Path work) throws IOException {
        return new ProcessBuilder(java(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                "africa.cashfin.camel.simulator.CashfinSimulatorMain", "--port", String.valueOf(freePort()), "--plan",
                "unlimited").redirectErrorStream(true).start();
    }

    /** Reads the simulator's start-up lines (base URL, secret) and then keeps draining its output. */
    private static String[] simulatorAddress(Process sim) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String[]> address = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            String url = null;
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = Pattern.compile("^(Base URL|Authorization):\\s+(\\S+)").matcher(line);
                    if (m.find() && m.group(1).equals("Base URL")) {
                        url = m.group(2);
                    } else if (m.find(0) && url != null && !address.isDone()) {
                        address.complete(new String[] { url, m.group(2) });
                    } else if (line.contains("ERROR") || line.contains("Exception")) {
                        System.out.println("simulator: " + line);
                    }
                }
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new IllegalStateException("The simulator stopped"));
        }, "simulator-output");
        drain.setDaemon(true);
        drain.start();
        return address.get(120, TimeUnit.SECONDS);
    }

    private static long leadsStored(String baseUrl) throws Exception {
        String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/__cashfin/stats"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"leads\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void post(String url) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Samples the heap every 100 ms: the highest use, and the highest use right after a collection. */
    private static final class HeapSampler extends Thread {
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peakUsed.accumulateAndGet(used, Math::max);
                long afterGc = heap.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0
                        : p.getCollectionUsage().getUsed()).sum();
                peakAfterGc.accumulateAndGet(afterGc, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }

        String line() {
            return String.format(Locale.ROOT, "heap: peak used %d MB, highest after GC %d MB, now %d MB",
                    peakUsed.get() >> 20, peakAfterGc.get() >> 20,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        }
    }
}
