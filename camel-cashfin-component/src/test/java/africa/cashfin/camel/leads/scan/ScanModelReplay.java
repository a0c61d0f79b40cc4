package africa.cashfin.camel.leads.scan;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;

/** Replays the steps of a {@link ScanModelProperties} failure report (its action descriptions) on a fresh world. */
final class ScanModelReplay {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    private ScanModelReplay() {
    }

    /** Runs {@code steps} (the descriptions in the failure report) and returns the world, not yet quiesced. */
    static ScanModelProperties.World replay(ScanModelProperties.World world, List<String> steps) {
        for (String step : steps) {
            if ((step.startsWith("delete lead") || step.startsWith("lead #") || step.endsWith("seconds back"))
                && world.run != null) {
                continue; // only between polls (the property's precondition): a shortened sequence may put it mid-poll
            }
            if (step.startsWith("mid-poll:") && step.endsWith("leads arrive") && world.run == null) {
                continue; // only while a poll reads its pages
            }
            world.steps.add(step);
            Matcher m = NUMBER.matcher(step);
            int n = m.find() ? Integer.parseInt(m.group()) : 0;
            if (step.startsWith("busy CRM:")) {
                int reads = m.find() ? Integer.parseInt(m.group()) : 0;
                int tiePercent = m.find() ? Integer.parseInt(m.group()) : 0;
                long seed = m.find() ? Long.parseLong(m.group()) : 0L;
                world.busyCrm(n, reads, tiePercent, seed);
            } else if (step.equals("read a page")) {
                world.readPage();
            } else if (step.startsWith("mid-poll:") && step.endsWith("leads arrive")) {
                world.insert(n);
            } else if (step.startsWith("insert") && step.endsWith("seconds back")) {
                int seconds = m.find() ? Integer.parseInt(m.group()) : 0;
                world.tieGroupBack(n, seconds);
            } else if (step.startsWith("insert") && step.endsWith("at the newest lead's instant")) {
                world.server.insertAtNewestInstant(n).forEach(lead -> world.promised.add(lead.getId()));
            } else if (step.startsWith("insert") && step.endsWith("at one instant")) {
                world.tieGroup(n);
            } else if (step.startsWith("insert")) {
                world.insert(n);
            } else if (step.equals("the next list call fails")) {
                world.server.failNext(1);
            } else if (step.startsWith("the next") && step.endsWith("exchanges fail")) {
                world.failingExchanges += n;
            } else if (step.startsWith("the next") && step.endsWith("wait out a retry delay")) {
                world.waitingExchanges += n;
            } else if (step.startsWith("restart")) {
                world.restart(step.contains("true"));
            } else if (step.startsWith("leader change")) {
                world.leaderChange(step.contains("true"));
            } else if (step.startsWith("delete lead") || step.startsWith("mid-poll: delete lead")) {
                world.remove(n, true);
            } else if (step.contains("leaves")) {
                world.remove(n, false);
            } else if (step.contains("enters the view")) {
                world.enter(n);
            } else if (step.contains("minutes late")) {
                world.late(n);
            } else {
                throw new IllegalArgumentException("Unknown step: " + step);
            }
        }
        return world;
    }

    static ScanModelProperties.World world(Order order, int limit, int buffer, long seed, boolean shuffle, int cap,
            boolean reportsCap) {
        return new ScanModelProperties.World(order, limit, buffer, seed, shuffle, cap, reportsCap);
    }
}
