package com.hartomat.deploy.local.smoke;

/** How big and how clean the smoke renders: a smoke checks the pipeline, so the default is small. */
public record RenderSize(int width, int height, int samples) {

    public static final RenderSize DEFAULT = new RenderSize(320, 240, 16);

    public RenderSize {
        if (width < 16 || height < 16 || samples < 1) {
            throw new SmokeUsageException("render size " + width + "x" + height + " at " + samples
                    + " samples: width and height must be at least 16, samples at least 1");
        }
    }
}
