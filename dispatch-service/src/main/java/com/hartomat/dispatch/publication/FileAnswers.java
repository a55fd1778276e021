package com.hartomat.dispatch.publication;

import com.hartomat.api.errors.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.PathPart;

/**
 * A stored file as an HTTP answer with its media type: whole (200), one byte range (206, {@code Content-Range}), or
 * 416 for a range past the end. The file is sent by the HTTP server from disk (no copy through the heap).
 */
public final class FileAnswers {

    private FileAnswers() {
    }

    /** {@code owner} names the file's owner in the 416 message, e.g. {@code media asset '<id>'}. */
    public static Response of(ArtifactFiles.Located file, String mediaType, String owner, String range) {
        String type = mediaType == null || mediaType.isBlank() ? MediaType.APPLICATION_OCTET_STREAM : mediaType;
        long total = file.size();
        ByteRange.Answer answer = ByteRange.answer(range, total);
        if (answer instanceof ByteRange.Unsatisfiable) {
            return Response.status(416).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Range", ByteRange.unsatisfied(total)).header("Accept-Ranges", "bytes")
                    .entity(ApiError.of("range_not_satisfiable", "the range '" + range + "' lies outside the "
                            + total + " bytes of " + owner, "/headers/Range"))
                    .build();
        }
        Response.ResponseBuilder response;
        if (answer instanceof ByteRange.Partial partial) {
            ByteRange r = partial.range();
            response = Response.status(206).entity(new PathPart(file.file(), r.first(), r.length()))
                    .header("Content-Range", r.contentRange(total))
                    .header(HttpHeaders.CONTENT_LENGTH, r.length());
        } else {
            response = Response.ok(new PathPart(file.file(), 0, total)).header(HttpHeaders.CONTENT_LENGTH, total);
        }
        return response.type(type).header("Accept-Ranges", "bytes").build();
    }
}
