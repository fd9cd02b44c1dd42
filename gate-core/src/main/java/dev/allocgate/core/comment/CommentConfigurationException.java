package dev.allocgate.core.comment;

import dev.allocgate.core.AllocgateException;

/**
 * A usage error of the comment bot: an invalid platform, repository, pull-request number or API URL.
 * The message names the setting and the bad value; it never contains a token.
 */
public final class CommentConfigurationException extends AllocgateException {
    public CommentConfigurationException(String message) {
        super(message);
    }
}
