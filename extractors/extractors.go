// Package extractors turns documents into claims: it reads HTML or plain text into
// a claim.Document (main text, title, date, canonical URL), splits sentences, finds
// figures with the scan lexer and assembles claims (metric, subject, segment,
// period, basis, modality, attribution). Everything here is pure and
// deterministic: no I/O, no clock, no globals that change.
package extractors
