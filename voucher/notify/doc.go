// Package notify delivers the notices a [voucher.Service] writes to its outbox.
//
// The Service writes a [voucher.Notice] in the transaction of the change that causes it
// (a status change, a return for revision with its opinion, an approval, a payout with
// the actual amount, an expiry, a reviewer's assignment) and keeps each record's deadline
// reminders in step with its deadlines (voucher.Config.ReminderDays). A [Worker] takes
// the pending notices whose time has come, hands each to a [Notifier] and marks it sent;
// a failed delivery is tried again after a backoff ([DefaultBackoff]).
//
// # Notifiers
//
// [Inbox] is the built-in Notifier: the site inbox (站内消息) the portal shows, kept in the
// same Store, one message per notice ID. [SMS] and [Email] are adapters whose transport
// and [Directory] of contacts the embedder supplies; [All] delivers through several;
// [NotifierFunc] makes any function one.
//
// # Delivery guarantees
//
// A notice is marked only after its delivery returned, so a crash or a store failure
// between the two hands the same notice again on a later pass: every notice is delivered
// at least once, and shown in the inbox exactly once. A notice cancelled before it went
// out (a reminder whose reason went away) is not delivered.
//
// This package imports the kernel and voucher only, and does no I/O but through the
// Store and the Notifiers it is given.
package notify
