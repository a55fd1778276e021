package com.hartomat.worker.storage;

import com.hartomat.contracts.messages.ContextKind;
import com.hartomat.contracts.messages.JobType;
import com.hartomat.contracts.messages.RenderJob;

/**
 * Where a job's outputs go, relative to the storage root, in the original system's layout:
 * {@code renders/<order_line_id>/line_<order_line_id><_suffix>.<ext>} for order lines (the shadow suffix is
 * {@code _shadow-<8 chars>}), {@code cad/<cad_file_id>/...} for CAD intake.
 */
public final class OutputLayout {

    private OutputLayout() {
    }

    /** The stem every output of the job starts with, without extension. */
    public static String stem(RenderJob job) {
        String suffix = job.outputNameSuffix() == null ? "" : "_" + job.outputNameSuffix();
        if (job.context().kind() == ContextKind.ORDER_LINE) {
            String line = StoragePaths.segment("context.order_line_id", job.context().orderLineId());
            return "renders/" + line + "/line_" + line + suffix;
        }
        String cad = StoragePaths.segment("context.cad_file_id", job.context().cadFileId());
        return cadDirectory(cad) + "/" + cadStemName(job.jobType()) + suffix;
    }

    public static String cadDirectory(String cadFileId) {
        return "cad/" + StoragePaths.segment("context.cad_file_id", cadFileId);
    }

    private static String cadStemName(JobType type) {
        return switch (type) {
            case THUMBNAIL_SAVE -> "thumbnail";
            case OCC_GLB_EXPORT, STL_CACHE_GENERATE -> "model";
            case OCC_OBJECT_EXTRACT -> "objects";
            default -> "render";
        };
    }
}
