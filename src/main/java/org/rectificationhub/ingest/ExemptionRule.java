package org.rectificationhub.ingest;

import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.department.Departments;
import org.springframework.stereotype.Component;

/**
 * An exemption from publication (art. 32) is the rectification office's decision, approved and dated: a department
 * that puts one on its own report would take its problem off the public notice by itself. Such a document is refused
 * whole, not recorded without its exemption: a report the department meant as withheld, published as if it had not
 * asked, would make public what it believed withheld, and a refusal with its reason tells it to go through the office.
 * The channel's proven identity decides, on every channel alike; the attempt counts as a security event.
 */
@Component
class ExemptionRule {

    private final Departments departments;
    private final SecurityEvents security;

    ExemptionRule(Departments departments, SecurityEvents security) {
        this.departments = departments;
        this.security = security;
    }

    /** The reading as it may go on to the ledger: refused when anyone but the office sets an exemption. */
    Reading screen(Input input, Reading reading) {
        if (!reading.isValid() || !(reading.document() instanceof ProgressUpdate update) || !update.isExempt()
                || departments.isOffice(input.sender())) {
            return reading;
        }
        security.exemptionRefused(input.channel(), input.sender(), input.source());
        return Reading.rejected(reading.index(), reading.updateId(), Reasons.exemptionIsTheOffices(input.sender()),
                reading.ownBytes());
    }
}
