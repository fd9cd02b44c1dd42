package dev.allocgate.core.profile;

import java.util.Objects;

/** Objects and bytes per operation allocated at one site. */
public record ProfileEntry(AllocationSite site, double objectsPerOp, double bytesPerOp) {

    public ProfileEntry {
        Objects.requireNonNull(site, "site");
        if (!(objectsPerOp >= 0) || !(bytesPerOp >= 0) || Double.isInfinite(objectsPerOp) || Double.isInfinite(bytesPerOp)) {
            throw new IllegalArgumentException("objects/op and bytes/op must be finite and not negative: "
                    + objectsPerOp + ", " + bytesPerOp + " at " + site);
        }
    }
}
