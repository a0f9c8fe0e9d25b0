//! WebAssembly bindings (wasm32 only): `new Engine(options)`, `check`, `checkMany`, `rules`,
//! `contacts`, `version`. Plain objects in and out (serde-wasm-bindgen); offsets are UTF-16 code
//! units so that `text.slice(start, end) === excerpt` in JavaScript. Every error becomes a JS
//! `Error` with the engine's message; a panic hook reports anything unexpected to the console.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{text::utf16_offsets, Action, Error, Verdict};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// Options as JavaScript passes them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsOptions {
    /// A user pack: JSON text or an object, with the fields of the TOML pack format.
    #[serde(default)]
    pack: Option<serde_json::Value>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    actions: BTreeMap<String, Action>,
    #[serde(default)]
    block: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Reports a panic (a bug: the API returns errors, it does not panic) on the console, once.
fn set_panic_hook() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| {
        std::panic::set_hook(Box::new(|info| console_error(&format!("huisregels: internal error: {info}"))));
    });
}

fn to_js_error(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(to_js_error)
}

/// Rewrites byte offsets as UTF-16 offsets, in one pass over the text.
fn to_utf16(text: &str, mut verdict: Verdict) -> Verdict {
    let offsets: Vec<usize> = verdict.findings.iter().flat_map(|f| [f.start, f.end]).collect();
    let converted = utf16_offsets(text, &offsets);
    for (f, pair) in verdict.findings.iter_mut().zip(converted.chunks(2)) {
        f.start = pair[0];
        f.end = pair[1];
    }
    verdict
}

/// The engine, as seen from JavaScript.
#[wasm_bindgen(js_name = Engine, skip_typescript)]
pub struct JsEngine {
    inner: crate::Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// `new Engine(options?)`. Throws an `Error` naming the problem when the options or the pack
    /// are invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsEngine, JsValue> {
        set_panic_hook();
        let opts: JsOptions = if options.is_undefined() || options.is_null() {
            JsOptions::default()
        } else {
            // Through a JSON value, so that unknown fields are reported (serde-wasm-bindgen only
            // looks up the fields it knows).
            let value: serde_json::Value = serde_wasm_bindgen::from_value(options)
                .map_err(|e| to_js_error(Error::Options(format!("{e}; expected {{ pack?, disable?, actions?, block?, allow? }}"))))?;
            serde_json::from_value(value)
                .map_err(|e| to_js_error(Error::Options(format!("{e}; expected {{ pack?, disable?, actions?, block?, allow? }}"))))?
        };
        let options = crate::EngineOptions {
            packs: match opts.pack {
                None | Some(serde_json::Value::Null) => Vec::new(),
                Some(serde_json::Value::String(s)) => vec![("user pack".to_string(), s)],
                Some(v) => vec![("user pack".to_string(), v.to_string())],
            },
            disable: opts.disable,
            actions: opts.actions,
            block: opts.block,
            allow: opts.allow,
        };
        let inner = crate::Engine::with_options(&options).map_err(to_js_error)?;
        Ok(JsEngine { inner })
    }

    /// Checks one comment; offsets are UTF-16 code units.
    pub fn check(&self, text: JsValue) -> Result<JsValue, JsValue> {
        let text = text.as_string().ok_or_else(|| to_js_error(Error::Input("check() takes a string".into())))?;
        let verdict = self.inner.check(&text).map_err(to_js_error)?;
        to_js(&to_utf16(&text, verdict))
    }

    /// Checks many comments; throws on the first bad one, naming its index.
    #[wasm_bindgen(js_name = checkMany)]
    pub fn check_many(&self, texts: JsValue) -> Result<JsValue, JsValue> {
        let texts: Vec<String> = serde_wasm_bindgen::from_value(texts)
            .map_err(|e| to_js_error(Error::Input(format!("checkMany() takes an array of strings ({e})"))))?;
        let mut out: Vec<Verdict> = Vec::with_capacity(texts.len());
        for (i, t) in texts.iter().enumerate() {
            let v = self.inner.check(t).map_err(|e| to_js_error(format!("text {i}: {e}")))?;
            out.push(to_utf16(t, v));
        }
        to_js(&out)
    }

    /// Every rule with its house rule, messages, reply and examples.
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.rules())
    }

    /// The organisation's contact channels.
    pub fn contacts(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.contacts())
    }

    /// The engine version.
    pub fn version(&self) -> String {
        crate::Engine::version().to_string()
    }
}

/// The engine version.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    crate::Engine::version().to_string()
}
