package org.rectificationhub.ingest;

/**
 * A department's mapping that cannot be used (it does not compile): the hub's configuration is at fault, not the
 * sender, so the input is parked ({@link IsolatedIntake}). The message is the operators'.
 */
class MappingUnavailableException extends RuntimeException {

    MappingUnavailableException(String department, String location) {
        super("the hub's mapping for " + department + " (" + location + ") does not compile: mend it, then replay"
                + " the department's parked inputs", null, false, false);
    }
}
