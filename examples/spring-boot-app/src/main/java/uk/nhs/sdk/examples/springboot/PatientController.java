package uk.nhs.sdk.examples.springboot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.identity.pds.PdsClient;

/**
 * {@code GET /patients/{nhsNumber}}: a patient from PDS as a small JSON view. The number is
 * validated before any call and never logged.
 */
@RestController
class PatientController {
    private final PdsClient pds;

    PatientController(PdsClient pds) {
        this.pds = pds;
    }

    @GetMapping("/patients/{nhsNumber}")
    PatientView patient(@PathVariable("nhsNumber") String nhsNumber) {
        return PatientView.of(pds.getPatient(NhsNumber.parse(nhsNumber)));
    }
}
