import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the placement module. `code` is stable; match on it. */
export class PlacementError extends SealedChainError {}

/** A parameter has the wrong type, size or range. */
export class InvalidPlacementParameterError extends PlacementError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("INVALID_PLACEMENT_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}

/** The same member appears twice in a member or candidate list. */
export class DuplicateMemberError extends PlacementError {
  readonly parameter: string;
  readonly member: string;

  constructor({ parameter, member }: { parameter: string; member: string }) {
    super("DUPLICATE_MEMBER", `Invalid ${parameter}: ${member} appears more than once`);
    this.parameter = parameter;
    this.member = member;
  }
}

/** More share holders were asked for than there are candidates. */
export class NotEnoughCandidatesError extends PlacementError {
  readonly needed: number;
  readonly available: number;

  constructor({ needed, available }: { needed: number; available: number }) {
    super(
      "NOT_ENOUGH_CANDIDATES",
      `Cannot place ${needed} shares on ${available} candidates: each share needs a distinct holder (shares <= candidates)`,
    );
    this.needed = needed;
    this.available = available;
  }
}
