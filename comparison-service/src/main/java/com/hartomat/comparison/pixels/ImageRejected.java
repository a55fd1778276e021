package com.hartomat.comparison.pixels;

/** An image that cannot be compared: unreadable, truncated, of an unsupported or mismatched format, or too large. */
public class ImageRejected extends Exception {

    public ImageRejected(String reason) {
        super(reason);
    }

    public ImageRejected(String reason, Throwable cause) {
        super(reason, cause);
    }
}
