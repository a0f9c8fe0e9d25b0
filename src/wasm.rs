//! WebAssembly bindings (wasm32 only): `new Engine(options)`, `check`, `checkMany`, `rules`,
//! `contacts`, `version`. Plain objects in and out: options and packs are read from their
//! JavaScript values field by field (so an unknown field is an error, and no JSON library is
//! needed), results are written with serde-wasm-bindgen. Offsets are UTF-16 code units so that
//! `text.slice(start, end) === excerpt` in JavaScript. Every error becomes a JS `Error` with the
//! engine's message; a panic hook reports anything unexpected to the console.


use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{packed, text::utf16_offsets, Action, Error, Verdict};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// Talc instead of dlmalloc: a smaller module (see Cargo.toml). Single-threaded, as the module is.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

const OPTIONS_SHAPE: &str = "expected { pack?, disable?, actions?, block?, allow? }";

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

/// What kind of value `v` is, for messages.
fn kind(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.is_undefined() {
        "undefined"
    } else if v.is_string() {
        "a string"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if v.as_f64().is_some() {
        "a number"
    } else if Array::is_array(v) {
        "an array"
    } else {
        "an object"
    }
}

/// A plain JavaScript object (not an array, not null).
fn as_object(v: &JsValue) -> Option<&Object> {
    (v.is_object() && !Array::is_array(v)).then(|| v.unchecked_ref::<Object>())
}

/// The own enumerable `(key, value)` pairs of a JavaScript object, in key order.
fn entries(object: &Object) -> Vec<(String, JsValue)> {
    Object::keys(object)
        .iter()
        .map(|key| {
            let value = Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
            (key.as_string().unwrap_or_default(), value)
        })
        .collect()
}

/// An array of strings, for the option `field`.
fn strings(field: &str, v: &JsValue) -> Result<Vec<String>, Error> {
    if !Array::is_array(v) {
        return Err(Error::Options(format!("`{field}` is {}; expected an array of strings", kind(v))));
    }
    let array: &Array = v.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        out.push(item.as_string().ok_or_else(|| Error::Options(format!("`{field}`[{i}] is {}; expected a string", kind(&item))))?);
    }
    Ok(out)
}

/// The options as JavaScript passes them, read field by field so that an unknown field is an
/// error (a typo must not pass silently).
fn read_options(options: &JsValue) -> Result<crate::EngineOptions, Error> {
    let mut out = crate::EngineOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    let object = as_object(options).ok_or_else(|| Error::Options(format!("the options are {}; {OPTIONS_SHAPE}", kind(options))))?;
    for (key, value) in entries(object) {
        if value.is_undefined() {
            continue;
        }
        match key.as_str() {
            "pack" if value.is_null() => {}
            "pack" => out.packed.push(("user pack".to_string(), read_pack(&value)?)),
            "disable" => out.disable = strings("disable", &value)?,
            "block" => out.block = strings("block", &value)?,
            "allow" => out.allow = strings("allow", &value)?,
            "actions" => {
                let map = as_object(&value)
                    .ok_or_else(|| Error::Options(format!("`actions` is {}; expected {{ \"rule or category id\": \"remove\" | \"review\" | ... }}", kind(&value))))?;
                let mut actions = Vec::new();
                for (id, action) in entries(map) {
                    let name = action
                        .as_string()
                        .ok_or_else(|| Error::Options(format!("`actions.{id}` is {}; expected an action name", kind(&action))))?;
                    let action = Action::from_name(&name)
                        .ok_or_else(|| Error::Options(format!("`actions.{id}` is `{name}`; use one of: {}", Action::NAMES.join(", "))))?;
                    actions.push((id, action));
                }
                out.actions = actions;
            }
            other => return Err(Error::Options(format!("unknown field `{other}`; {OPTIONS_SHAPE}"))),
        }
    }
    Ok(out)
}

/// A user pack (JSON text or an object) in the packed form that [`crate::pack::unpack`] reads.
fn read_pack(value: &JsValue) -> Result<Vec<u8>, Error> {
    let parsed;
    let value = match value.as_string() {
        Some(text) => {
            parsed = JSON::parse(&text).map_err(|e| Error::Pack {
                file: "user pack".into(),
                line: None,
                message: format!(
                    "not valid JSON ({}); in the browser a pack is JSON with the fields of the TOML pack format (see README \"Configuration\")",
                    e.dyn_ref::<js_sys::Error>().map_or_else(|| "syntax error".to_string(), |e| String::from(e.message()))
                ),
            })?;
            &parsed
        }
        None => value,
    };
    let mut packed = Vec::new();
    pack_js(value, &mut packed, 0).map_err(|message| Error::Pack { file: "user pack".into(), line: None, message })?;
    Ok(packed)
}

/// Writes a JavaScript value in the packed form (see `src/packed.rs`).
fn pack_js(v: &JsValue, out: &mut Vec<u8>, depth: usize) -> Result<(), String> {
    if depth > 16 {
        return Err("the pack is nested too deeply".into());
    }
    if let Some(s) = v.as_string() {
        packed::string(&s, out);
    } else if let Some(b) = v.as_bool() {
        packed::boolean(b, out);
    } else if v.as_f64().is_some() {
        out.push(packed::NUMBER);
    } else if v.is_null() || v.is_undefined() {
        out.push(packed::NULL);
    } else if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        packed::array(array.length() as usize, out);
        for item in array.iter() {
            pack_js(&item, out, depth + 1)?;
        }
    } else if let Some(object) = as_object(v) {
        let fields = entries(object);
        packed::table(fields.len(), out);
        for (key, item) in fields {
            packed::key(&key, out);
            pack_js(&item, out, depth + 1)?;
        }
    } else {
        return Err(format!("the pack holds {}, which JSON cannot", kind(v)));
    }
    Ok(())
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
        let options = read_options(&options).map_err(to_js_error)?;
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
        if !Array::is_array(&texts) {
            return Err(to_js_error(Error::Input(format!("checkMany() takes an array of strings, not {}", kind(&texts)))));
        }
        let texts: &Array = texts.unchecked_ref();
        let mut out: Vec<Verdict> = Vec::with_capacity(texts.length() as usize);
        for (i, t) in texts.iter().enumerate() {
            let t = t
                .as_string()
                .ok_or_else(|| to_js_error(Error::Input(format!("checkMany() takes an array of strings; text {i} is {}", kind(&t)))))?;
            let v = self.inner.check(&t).map_err(|e| to_js_error(format!("text {i}: {e}")))?;
            out.push(to_utf16(&t, v));
        }
        to_js(&out)
    }

    /// Every rule with its house rule, messages, reply and examples. The default pack's examples
    /// are left out of the module (build.rs); `scripts/build.sh` writes them to
    /// `www/pkg/examples.json`.
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
