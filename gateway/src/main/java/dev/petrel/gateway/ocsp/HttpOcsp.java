package dev.petrel.gateway.ocsp;

import dev.petrel.ike.revocation.OcspTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OCSP over HTTP (RFC 6960 Appendix A.1): the DER request POSTed as application/ocsp-request, the response read up
 * to {@link #MAX_RESPONSE} octets. The whole exchange, connecting included, is bounded by the caller's timeout and
 * abandoned after it; the engine's thread waits meanwhile. One JDK HttpClient serves every request, made on first use.
 * A singleton, so that configurations loaded twice are equal.
 */
public enum HttpOcsp implements OcspTransport {
    INSTANCE;

    /** An OCSP response is a few KiB, its certificates included. */
    static final int MAX_RESPONSE = 64 * 1024;

    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public byte[] post(URI responder, byte[] request, Duration timeout) throws IOException {
        HttpRequest post = HttpRequest.newBuilder(responder).timeout(timeout)
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        CompletableFuture<HttpResponse<byte[]>> exchange = Client.HTTP.sendAsync(post,
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_RESPONSE));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                // the request's own timeout, which may fire before the wait above gives up: the same story
                throw new IOException("no answer within " + timeout.toMillis() + " ms");
            }
            throw new IOException(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        if (response.statusCode() != 200) {
            throw new IOException("answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
