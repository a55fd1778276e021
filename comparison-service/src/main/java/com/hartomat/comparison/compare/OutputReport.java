package com.hartomat.comparison.compare;

/** What was found of one side's output: the file's own sha256, size and (for images) header dimensions. */
public record OutputReport(String path, boolean exists, String sha256, Long sizeBytes, Integer imageWidth,
        Integer imageHeight) {

    public static OutputReport missing(String path) {
        return new OutputReport(path, false, null, null, null, null);
    }
}
