package org.rectificationhub.ingest;

/**
 * A department's mapping that cannot be used (it does not compile): the hub's configuration is at fault, not the
 * sender. The message is what the sender is told.
 */
class MappingUnavailableException extends RuntimeException {

    MappingUnavailableException(String department, String location) {
        super("the hub's mapping for " + department + " (" + location + ") is broken; this is the hub's fault, not"
                + " yours: the input is kept and will be replayed once an operator has mended the mapping", null,
                false, false);
    }
}
