package dev.allocgate.core.profile;

/**
 * How one allocation site's objects/op and bytes/op changed between the baseline's profile and the current one.
 *
 * @param status {@link Status#NEW} when the site did not allocate in the baseline (the common case of an object that
 *               escape analysis removed and that now escapes), {@link Status#REMOVED} when it no longer allocates
 */
public record SiteChange(AllocationSite site, double baselineObjectsPerOp, double baselineBytesPerOp,
                         double currentObjectsPerOp, double currentBytesPerOp, Status status) {

    public enum Status {
        /** The site allocates now and did not in the baseline. */
        NEW,
        /** The site allocated in the baseline and does not now. */
        REMOVED,
        /** The site allocates on both sides, a different amount. */
        CHANGED,
        /** Not among the sites the baseline stored (see {@link AllocationProfile#STORED_SITES}), so maybe not new. */
        NOT_STORED
    }

    public double objectsDelta() {
        return currentObjectsPerOp - baselineObjectsPerOp;
    }

    public double bytesDelta() {
        return currentBytesPerOp - baselineBytesPerOp;
    }
}
