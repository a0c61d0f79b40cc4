package africa.cashfin.camel.benchmarks;

/** Parses {@code --name value} options of the benchmark mains (all in one argument when passed by Maven). */
final class BenchmarkOptions {

    private final String[] args;

    BenchmarkOptions(String[] args) {
        this.args = args.length == 1 && args[0].contains(" ") ? args[0].trim().split("\\s+") : args;
    }

    String get(String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    int getInt(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    double getDouble(String name, double fallback) {
        return Double.parseDouble(get(name, Double.toString(fallback)));
    }
}
