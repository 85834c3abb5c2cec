package org.rectificationhub.department;

import org.rectificationhub.HubProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The configured departments: who exists, who is the rectification office, who answers for which problem. */
@Component
public class Departments {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, Department> byId = new LinkedHashMap<>();

    @Autowired
    public Departments(HubProperties properties) {
        this(properties.departments());
    }

    public Departments(List<Department> departments) {
        for (Department department : departments) {
            if (department.id() == null || !ID.matcher(department.id()).matches()) {
                throw new IllegalArgumentException("department id '" + department.id()
                        + "' must be kebab-case: lower-case letters, digits and '-', at most 63 characters");
            }
            if (byId.putIfAbsent(department.id(), department) != null) {
                throw new IllegalArgumentException("department '" + department.id() + "' is configured twice");
            }
        }
        if (byId.values().stream().noneMatch(Department::office)) {
            throw new IllegalArgumentException("no department is marked office: true; one must register rounds");
        }
    }

    public Optional<Department> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public boolean exists(String id) {
        return find(id).isPresent();
    }

    public boolean isOffice(String id) {
        return find(id).map(Department::office).orElse(false);
    }

    public Collection<Department> all() {
        return byId.values();
    }

    /** The office answers for every problem; any other department only where a responsible unit names it. */
    public boolean mayReportOn(String departmentId, List<String> responsibleUnits) {
        Optional<Department> department = find(departmentId);
        if (department.isEmpty()) {
            return false;
        }
        return department.get().office() || responsibleUnits.stream().anyMatch(department.get()::isNamedBy);
    }
}
