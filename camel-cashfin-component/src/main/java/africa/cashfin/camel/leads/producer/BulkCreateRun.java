package africa.cashfin.camel.leads.producer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Runs one bulk create: pulls the items from the source one at a time, on the calling thread, and creates them on an
 * executor with at most {@code concurrency} items in flight. The source is never read ahead by more than
 * {@code concurrency} items, so a lazy Iterator or Stream of any size is never held in memory. An item that fails
 * fails alone.
 */
public final class BulkCreateRun {

    /** Creates one item; must not throw (failures become {@link BulkCreateStatus#FAILED} items). */
    public interface ItemCreator {
        BulkCreateItem create(int index, Object input);
    }

    private final ExecutorService executor;
    private final int concurrency;

    public BulkCreateRun(ExecutorService executor, int concurrency) {
        this.executor = executor;
        this.concurrency = concurrency;
    }

    /**
     * Creates every item of {@code source}; returns when all are done.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting; items in flight finish
     */
    public BulkCreateResult createAll(Iterator<?> source, ItemCreator creator) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<BulkCreateItem> done = new ArrayList<>();
        int index = 0;
        try {
            while (true) {
                inFlight.acquire();
                Object input;
                try {
                    if (!source.hasNext()) {
                        inFlight.release();
                        break;
                    }
                    input = source.next();
                } catch (RuntimeException e) {
                    // the source itself broke (e.g. a Stream whose mapping threw): record it and stop reading
                    inFlight.release();
                    add(done, new BulkCreateItem(index, null, null, BulkCreateStatus.FAILED,
                            new IllegalStateException("Reading item " + index + " of the bulk create body failed ("
                                                      + e + "); the items after it were not read", e)));
                    break;
                }
                int itemIndex = index++;
                try {
                    executor.execute(() -> {
                        try {
                            add(done, creator.create(itemIndex, input));
                        } finally {
                            inFlight.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    inFlight.release();
                    add(done, new BulkCreateItem(itemIndex, input, null, BulkCreateStatus.FAILED,
                            new IllegalStateException("The bulk create was stopped (producer stopping) before item "
                                                      + itemIndex + " was sent", e)));
                }
            }
        } finally {
            // wait for the items in flight, even when interrupted, so that no outcome is lost
            inFlight.acquireUninterruptibly(concurrency);
            inFlight.release(concurrency);
        }
        synchronized (done) {
            done.sort(Comparator.comparingInt(BulkCreateItem::index));
            return new BulkCreateResult(done);
        }
    }

    private static void add(List<BulkCreateItem> done, BulkCreateItem item) {
        synchronized (done) {
            done.add(item);
        }
    }
}
