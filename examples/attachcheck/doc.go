// Command attachcheck judges files already on disk as the portal judges uploads, for an
// operator who must scan a backlog:
//
//	go run ./examples/attachcheck -slot SLOT [-name NAME] [-json] FILE...
//
// SLOT is one of the slots of the forms: org_certificate, application_attachment,
// invoice_scan, contract_scan, service_result_proof, project_summary, bank_receipt.
// -name is the uploaded file name to judge (its extension must agree with the content);
// it defaults to each file's base name.
//
// With -json it prints one JSON object per file, one a line:
//
//	{"file":"a.pdf","slot":"contract_scan","accepted":false,"type":"pdf","code":"file_unsafe",
//	 "message_zh":"…","message_en":"…","flags":[]}
//
// type is the type the content was recognised as ("" when none); a refusal always has a
// code (one of the attachment.Code* values) and its messages; flags lists what was
// accepted but is worth a reviewer's look, each {"code","params","message_zh","message_en"}.
// Without -json it prints a line per file, and a line per flag.
//
// It exits 0 when it ran, whatever the verdicts; 1 when a file could not be read (the
// others are still judged, the error goes to stderr); 2 on bad flags, an unknown slot or
// no files. Nothing is stored.
package main
