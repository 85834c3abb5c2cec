package org.rectificationhub.ops.console;

import jakarta.servlet.http.HttpServletRequest;
import org.rectificationhub.HubProperties;
import org.rectificationhub.department.Department;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every console page's layout (templates/ops/layout.html) reads: the navigation, the page's own path (the
 * current link, the language links), who is signed in, and the time formatter; and the departments' names by id,
 * which most pages show beside what a department sent.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final ConsoleNav nav;
    private final ConsoleTime time;
    private final Map<String, String> departmentNames;

    ConsoleModel(ConsoleNav nav, ConsoleTime time, HubProperties properties) {
        this.nav = nav;
        this.time = time;
        // in the configured order, for the department filters
        this.departmentNames = Collections.unmodifiableMap(properties.departments().stream()
                .collect(Collectors.toMap(Department::id, Department::name, (a, b) -> a, LinkedHashMap::new)));
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request, Principal user) {
        model.addAttribute("nav", nav.items());
        model.addAttribute("path", request.getRequestURI().substring(request.getContextPath().length()));
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("time", time);
        model.addAttribute("zone", time.zone().getId());
        model.addAttribute("departments", departmentNames);
        model.addAttribute("departmentName", new DepartmentName(departmentNames));
    }

    /**
     * A department's name for a row, its id if it is not configured, a dash for a row with none (a stranger's mail, a
     * record on an unknown topic): templates ask this rather than index the map, which SpEL cannot do with null.
     */
    public record DepartmentName(Map<String, String> names) {

        public String of(String id) {
            return id == null ? "—" : names.getOrDefault(id, id);
        }
    }
}
