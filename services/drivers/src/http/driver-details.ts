import type { DriverDetails } from '../domain/driver.js';
import type { UpdateDriverRequest } from '@cabs/contracts';

/** The domain's words for a request body: dates as Dates, and the British "licence". */
export function detailsOf(body: UpdateDriverRequest): DriverDetails {
  const { medicalExaminationExpires, ...attributes } = body.attributes ?? {};
  return {
    firstName: body.firstName,
    lastName: body.lastName,
    licenceNumber: body.licenseNumber,
    licenceExpires: body.licenseExpires ? new Date(body.licenseExpires) : null,
    feeTerms: body.feeTerms,
    attributes: medicalExaminationExpires
      ? { ...attributes, medicalExaminationExpires: new Date(medicalExaminationExpires) }
      : attributes,
  };
}
