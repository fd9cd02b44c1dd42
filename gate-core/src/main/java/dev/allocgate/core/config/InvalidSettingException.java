package dev.allocgate.core.config;

/**
 * A setting with a value allocgate cannot use. Carries the property ({@code allocgate.alpha}) and the value, so
 * each front end (Maven, the CLI) can say in its own terms where to set it.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String property;
    private final String value;

    public InvalidSettingException(String property, String value, String problem) {
        super(property + " " + problem);
        this.property = property;
        this.value = value;
    }

    /** The property, e.g. {@code allocgate.thresholdBytes}. */
    public String property() {
        return property;
    }

    /** The value as given. */
    public String value() {
        return value;
    }
}
