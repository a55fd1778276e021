package com.hartomat.comparison.compare;

/** One side's output as a request names it: a path relative to the artifact storage root and its media type. */
public record OutputRef(String path, String mediaType) {
}
