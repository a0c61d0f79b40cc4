package africa.cashfin.camel.leads.consumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

import africa.cashfin.camel.leads.model.MalformedLeadException;

/** A consumer's {@code exceptionHandler} that keeps everything it is handed, for the tests to look at. */
final class RecordingExceptionHandler implements ExceptionHandler {
    final List<Throwable> handled = new CopyOnWriteArrayList<>();

    @Override
    public void handleException(Throwable exception) {
        handled.add(exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handled.add(exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        handled.add(exception);
    }

    List<MalformedLeadException> malformed() {
        return handled.stream().filter(MalformedLeadException.class::isInstance)
                .map(MalformedLeadException.class::cast).toList();
    }
}
