/**
 * The longest note or reason a person may write (activity notes, rejection and revocation
 * reasons, a disabled account's or deactivated unit's reason, a rule change's note): enforced by
 * the API, stated in its schema, and used as the web forms' maxlength.
 */
export const NOTE_MAX_LENGTH = 2000;
