package org.griot.audit;

import java.time.Instant;
import java.util.List;

/**
 * Another log of user operations that auditors read beside Griot's trail (e.g. the process engine's
 * user-operation log). Implemented by the feature that owns it, so audit depends on no feature.
 */
public interface OperationLogSource {

    /** Short name of the source, shown to auditors (e.g. "camunda"). */
    String name();

    List<Operation> latest(int limit);

    /** One operation: who, what, on which object, and the value before and after. */
    record Operation(Instant timestamp, String userId, String operationType, String entityType, String target,
            String property, String before, String after) {
    }
}
