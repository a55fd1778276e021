package com.hartomat.registry.errors;

import com.hartomat.api.errors.ApiException;
import com.hartomat.registry.RegistryConfig;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Counts the bytes of every request entity as it is read and refuses it with 413 {@code payload_too_large} (the
 * service's JSON error) once it passes {@code hartomat.http.max-body-size}. This is what catches chunked bodies,
 * which declare no Content-Length for {@link BodySizeGuard} to check.
 */
@Provider
public class BodySizeLimit implements ReaderInterceptor {

    // providers are created while the REST deployment is recorded, before runtime configuration exists
    private final jakarta.inject.Provider<RegistryConfig> config;

    public BodySizeLimit(jakarta.inject.Provider<RegistryConfig> config) {
        this.config = config;
    }

    static String message(long length, long limit) {
        return "request body of " + (length < 0 ? "more than " + limit : Long.toString(length))
                + " bytes exceeds the limit of " + limit + " bytes";
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Counting(context.getInputStream(), config.get().http().maxBodySize().asLongValue()));
        return context.proceed();
    }

    /** Throws the 413 as soon as more than {@code limit} bytes have been read. */
    static final class Counting extends FilterInputStream {
        private final long limit;
        private long read;

        Counting(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new ApiException(413, "payload_too_large", message(-1, limit), "", List.of());
            }
        }
    }
}
