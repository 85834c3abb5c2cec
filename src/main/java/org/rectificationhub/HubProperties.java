package org.rectificationhub;

import org.rectificationhub.department.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.List;

/**
 * The hub's own settings (prefix {@code hub}); application.yaml maps the HUB_* environment variables onto them.
 *
 * @param dataDir     where the standalone run keeps everything: ledger database, inboxes, archives, credentials
 * @param instanceId  names this hub instance in the ledger when several share one database
 * @param departments the departments this hub serves; their ids are their identities on every channel
 * @param limits      input limits that protect the hub from hostile or broken inputs
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("hub-1") String instanceId,
        @DefaultValue List<Department> departments,
        @DefaultValue Limits limits) {

    /**
     * @param maxLedgerRows  rows of a ledger (.xlsx, .csv) and, four times over, lines of a notice
     * @param maxTextChars   decoded characters of one notice or ledger
     * @param maxLedgerCells cells of one ledger sheet, counting every cell a merged range fills, or of a Word
     *                       report's tables
     */
    public record Limits(
            @DefaultValue("20MB") DataSize maxInputSize,
            @DefaultValue("1000") int maxDocumentsPerInput,
            @DefaultValue("5000") int maxLedgerRows,
            @DefaultValue("4194304") int maxTextChars,
            @DefaultValue("200000") int maxLedgerCells) {
    }
}
