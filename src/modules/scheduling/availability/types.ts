/**
 * The contract of the availability engine. The scheduling service fills an
 * AvailabilityRequest from the database; the engine answers with the bookable
 * starts. Local times are wall-clock times in the location's time zone;
 * instants are Dates (sub-minute parts are rounded outward: busy time grows,
 * never shrinks).
 */

/** A local calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** A local wall-clock time, 'HH:MM' (00:00–23:59; '24:00' is allowed as a range end). */
export type LocalTime = string;

/** A local date and time, 'YYYY-MM-DDTHH:MM'. */
export type LocalDateTime = string;

/**
 * A range of local time written on one day. When `end` is not after `start`
 * the range crosses midnight and ends on the next day (20:00–02:00). A range
 * belongs to the day it starts on: a day's one-off change replaces the ranges
 * that start that day.
 */
export interface LocalTimeRange {
  start: LocalTime;
  end: LocalTime;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Ranges per weekday; a missing or empty day has none. */
export type WeeklyRanges = Partial<Record<Weekday, readonly LocalTimeRange[]>>;

export interface InstantRange {
  start: Date;
  end: Date;
}

/** A whole local day closed, or a local date-time range closed (end exclusive). */
export type Closure = { date: LocalDate } | { from: LocalDateTime; to: LocalDateTime };

export interface LocationHours {
  weekly: WeeklyRanges;
  closures: readonly Closure[];
}

/** Replaces a provider's working ranges that start on `date`; no ranges = day off. */
export interface ScheduleChange {
  date: LocalDate;
  hours: readonly LocalTimeRange[];
  /** Breaks for that day; when absent the weekly breaks of that weekday still apply. */
  breaks?: readonly LocalTimeRange[];
}

export interface ProviderSchedule {
  id: string;
  /** Working hours at this location only (other locations are other requests). */
  weekly: WeeklyRanges;
  breaks: WeeklyRanges;
  timeOff: readonly InstantRange[];
  changes: readonly ScheduleChange[];
}

export type ResourceKind = 'room' | 'device';

export interface Resource {
  id: string;
  kind: ResourceKind;
  locationId: string;
}

/** "One room", "Laser 1 or Laser 2": any one of the acceptable resources, listed by preference. */
export interface ResourceRequirement {
  id: string;
  acceptableResourceIds: readonly string[];
}

export interface Phase {
  durationMinutes: number;
  occupiesProvider: boolean;
  occupiesClient: boolean;
  /** Ids of the service's requirements this phase holds; the same resource is held in every such phase. */
  requirementIds: readonly string[];
}

export interface ServiceSpec {
  id: string;
  phases: readonly Phase[];
  resourceRequirements: readonly ResourceRequirement[];
  /** Providers allowed to perform it (credentials are checked by the caller). */
  eligibleProviderIds: readonly string[];
}

/**
 * Who performs the services. `any` with `sameForAll` keeps one provider for the
 * whole sequence; `perService` fixes a provider per service or leaves it open.
 */
export type ProviderSelection =
  | { kind: 'specific'; providerId: string }
  | { kind: 'any'; sameForAll: boolean }
  | { kind: 'perService'; choices: ReadonlyArray<{ providerId: string } | 'any'> };

export interface ProviderBusy {
  providerId: string;
  start: Date;
  end: Date;
}

export interface ResourceBusy {
  resourceId: string;
  start: Date;
  end: Date;
}

export type Block =
  | { providerId: string; start: Date; end: Date }
  | { resourceId: string; start: Date; end: Date };

/**
 * Time already taken, each booking already expanded into its phases by the
 * caller (leave out the appointment being rescheduled).
 */
export interface Occupancy {
  /** Phases of existing appointments that occupy a provider. */
  providerBusy: readonly ProviderBusy[];
  /** Phases of existing appointments that occupy a room or a device. */
  resourceBusy: readonly ResourceBusy[];
  /** Blocked time of a provider or a resource. */
  blocks: readonly Block[];
  /** The client's other appointments (phases where the client is present), when known. */
  clientBusy?: readonly InstantRange[];
}

export interface AvailabilityRequest {
  /** IANA zone of the location. */
  timeZone: string;
  locationId: string;
  /** Local days on which a start may fall, inclusive. */
  dates: { from: LocalDate; to: LocalDate };
  /** Starts fall on local wall-clock multiples of this from midnight; must divide 1440. */
  slotIntervalMinutes: number;
  now: Date;
  /** A start must be at least this long after `now`. */
  minimumNoticeMinutes: number;
  /** A start's local date is at most this many days after the local date of `now`. */
  bookingHorizonDays: number;
  location: LocationHours;
  providers: readonly ProviderSchedule[];
  resources: readonly Resource[];
  /** Performed one after the other: each starts when the previous one ends. */
  services: readonly ServiceSpec[];
  providerSelection: ProviderSelection;
  occupancy: Occupancy;
}

export interface ResourceAssignment {
  requirementId: string;
  resourceId: string;
}

export interface ServiceAssignment {
  serviceId: string;
  /** Null for a service with no phase that needs a provider. */
  providerId: string | null;
  start: Date;
  end: Date;
  resources: ResourceAssignment[];
}

export interface AvailableSlot {
  /** Start and end of the whole sequence (the window the client sees). */
  start: Date;
  end: Date;
  local: { date: LocalDate; time: LocalTime; utcOffsetMinutes: number };
  /** One feasible assignment, chosen deterministically. */
  assignment: ServiceAssignment[];
  /**
   * Per service, every provider who could take it at this start, best first
   * (least booked time that local day, then id). Empty for a service that needs no provider.
   */
  providerOptions: string[][];
}

export interface AvailabilityResult {
  slots: AvailableSlot[];
}
