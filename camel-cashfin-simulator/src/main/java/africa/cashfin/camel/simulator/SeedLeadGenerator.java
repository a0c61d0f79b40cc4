package africa.cashfin.camel.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Generates realistic leads that look like Cashfin's African customer base (Kenya, Nigeria, South Africa, Ghana,
 * Uganda: local names, companies and phone formats). Deterministic for a given seed. Not thread-safe: callers
 * synchronize.
 */
final class SeedLeadGenerator {

    private static final List<Country> COUNTRIES = List.of(
            new Country("Kenya", "+2547########", "Ltd", "co.ke",
                    List.of("Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Akinyi", "Chebet", "Wambui", "Brian", "Faith"),
                    List.of("Mwangi", "Odhiambo", "Njoroge", "Kiprono", "Wanjala", "Mutua", "Ochieng", "Kariuki", "Kimani", "Wekesa")),
            new Country("Nigeria", "+23480########", "Ltd", "com.ng",
                    List.of("Chinedu", "Ngozi", "Adebayo", "Funmilayo", "Emeka", "Aisha", "Tunde", "Chiamaka", "Ibrahim", "Yetunde"),
                    List.of("Okafor", "Adeyemi", "Balogun", "Eze", "Okonkwo", "Abubakar", "Olawale", "Nwosu", "Bello", "Adekunle")),
            new Country("South Africa", "+278########", "(Pty) Ltd", "co.za",
                    List.of("Thabo", "Lerato", "Sipho", "Nomvula", "Pieter", "Zanele", "Bongani", "Naledi", "Johan", "Ayanda"),
                    List.of("Nkosi", "Dlamini", "Van der Merwe", "Mokoena", "Botha", "Ndlovu", "Khumalo", "Pretorius", "Mahlangu", "Zulu")),
            new Country("Ghana", "+23324#######", "Ltd", "com.gh",
                    List.of("Kwame", "Ama", "Kofi", "Akosua", "Yaw", "Efua", "Kwabena", "Abena", "Kojo", "Adwoa"),
                    List.of("Mensah", "Owusu", "Boateng", "Asante", "Osei", "Appiah", "Agyeman", "Darko", "Amoah", "Ofori")),
            new Country("Uganda", "+2567########", "Ltd", "co.ug",
                    List.of("Grace", "Ivan", "Sarah", "Joseph", "Esther", "Moses", "Patience", "Ronald", "Florence", "Nakato"),
                    List.of("Okello", "Mukasa", "Ssemwanga", "Tumusiime", "Kato", "Namubiru", "Ochen", "Byaruhanga", "Atuhaire", "Auma")));

    private static final List<String> TRADES = List.of("Logistics", "Agro", "Fintech", "Solar", "Foods", "Pharma",
            "Motors", "Textiles", "Telecom", "Properties", "Hardware", "Clinics", "Academy", "Travel");
    private static final List<String> SOURCES = List.of("website", "website", "website", "referral", "ad", "event",
            "email");
    private static final List<String> STATUSES = List.of("new", "new", "new", "new", "contacted", "contacted",
            "qualified", "converted", "lost");
    private static final List<String> REQUESTS = List.of("Interested in enterprise billing solution",
            "Wants a demo of invoicing and M-Pesa collections", "Asking about payroll for 40 staff",
            "Needs multi-currency invoicing", "Looking for POS and inventory integration",
            "Requested pricing for the Professional plan");

    private final Random random;
    private final Faker faker;

    SeedLeadGenerator(long seed) {
        this.random = new Random(seed);
        this.faker = new Faker(Locale.ENGLISH, random);
    }

    /**
     * @param createdAt creation instant of the lead
     * @param now       current time ({@code updatedat} never goes past it)
     * @return lead fields ready for {@link LeadStore#add(Map)}
     */
    Map<String, Object> next(Instant createdAt, Instant now) {
        Country c = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
        String first = pick(c.firstNames);
        String last = pick(c.lastNames);
        String trade = pick(TRADES);
        String company = pick(c.lastNames) + " " + trade + " " + c.companySuffix;
        String domain = slug(company.replace(c.companySuffix, "")) + "." + c.domain;
        String status = pick(STATUSES);
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("name", first + " " + last);
        lead.put("email", slug(first) + "." + slug(last) + "@" + domain);
        lead.put("phone", faker.numerify(c.phoneFormat));
        lead.put("company", company);
        lead.put("jobtitle", faker.job().title());
        lead.put("industry", faker.company().industry());
        lead.put("website", random.nextInt(4) == 0 ? null : "https://www." + domain);
        lead.put("request", pick(REQUESTS));
        lead.put("budget", random.nextInt(3) == 0 ? null : (long) (1 + random.nextInt(200)) * 1_000L);
        lead.put("country", c.name);
        lead.put("state", null);
        lead.put("address", null);
        lead.put("source", pick(SOURCES));
        lead.put("status", status);
        lead.put("sourceorigin", random.nextInt(5) == 0 ? "dashboard" : "api");
        lead.put("active", !"lost".equals(status));
        lead.put("createdat", createdAt);
        Instant updated = "new".equals(status) ? createdAt : createdAt.plus(Duration.ofMinutes(1 + random.nextInt(120)));
        lead.put("updatedat", updated.isAfter(now) ? now : updated);
        return lead;
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static final class Country {
        final String name;
        final String phoneFormat;
        final String companySuffix;
        final String domain;
        final List<String> firstNames;
        final List<String> lastNames;

        Country(String name, String phoneFormat, String companySuffix, String domain, List<String> firstNames,
                List<String> lastNames) {
            this.name = name;
            this.phoneFormat = phoneFormat;
            this.companySuffix = companySuffix;
            this.domain = domain;
            this.firstNames = firstNames;
            this.lastNames = lastNames;
        }
    }
}
