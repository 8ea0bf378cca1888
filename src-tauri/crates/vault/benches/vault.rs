//! Benchmarks for the figures the vault must meet: unlock (with and without
//! the KDF), opening the three compartments after the KDF (goal < 20 ms),
//! 10 000 audit appends, and a backup of a 100 MB vault.
//!
//! Run with `make bench` (release mode).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use sqlx::migrate::Migrator;
use vertrouwd_vault::keyring::{KeyGeneration, Keyring, UnlockerKind};
use vertrouwd_vault::{
    audit, db, envelope, kdf, CompartmentSpec, KdfParams, NewUser, OpenMode, Passphrase, Unlocked,
    Vault,
};

static MIGRATIONS: Migrator = sqlx::migrate!("tests/migrations/one");
static LAYOUT: &[CompartmentSpec] = &[
    CompartmentSpec {
        name: "org",
        migrator: &MIGRATIONS,
    },
    CompartmentSpec {
        name: "hr",
        migrator: &MIGRATIONS,
    },
    CompartmentSpec {
        name: "advisor",
        migrator: &MIGRATIONS,
    },
];
const PASS: &str = "paars konijn fietst 42 keer";

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn create(rt: &tokio::runtime::Runtime, dir: &Path, params: KdfParams) {
    rt.block_on(async {
        let p = Passphrase::new(PASS.into());
        let (u, _) = Vault::create(
            dir,
            LAYOUT,
            NewUser {
                user_id: "u".into(),
                login: "ayse",
                passphrase: &p,
                compartments: vec!["org".into(), "hr".into(), "advisor".into()],
            },
            params,
            Utc::now(),
        )
        .await
        .expect("create");
        u.lock().await;
    });
}

fn unlocked(rt: &tokio::runtime::Runtime, dir: &Path) -> Unlocked {
    rt.block_on(async {
        Vault::open(dir, LAYOUT)
            .expect("open")
            .unlock("ayse", &Passphrase::new(PASS.into()), Utc::now())
            .await
            .expect("unlock")
    })
}

fn unlock(c: &mut Criterion) {
    let rt = rt();
    let tuned = KdfParams::tune(Duration::from_millis(500)).expect("tune");
    println!("tuned KDF parameters on this machine: {tuned:?}");
    let mut g = c.benchmark_group("unlock");
    g.sample_size(10);
    for (name, params) in [("floor_t3", KdfParams::FLOOR), ("tuned_0_5s", tuned)] {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("v");
        create(&rt, &dir, params);
        g.bench_function(format!("kdf_only/{name}"), |b| {
            b.iter(|| {
                black_box(
                    kdf::derive_key(PASS.as_bytes(), &[7u8; kdf::SALT_LEN], params).expect("kdf"),
                )
            })
        });
        g.bench_function(format!("with_kdf/{name}"), |b| {
            b.iter(|| {
                rt.block_on(async {
                    let u = Vault::open(&dir, LAYOUT)
                        .expect("open")
                        .unlock("ayse", &Passphrase::new(PASS.into()), Utc::now())
                        .await
                        .expect("unlock");
                    u.lock().await;
                })
            })
        });
    }
    // Without the KDF: unwrap the compartment keys with the private key and
    // open the three databases (pragmas, check read, migrations check).
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("v");
    create(&rt, &dir, KdfParams::FLOOR);
    let keyring = Keyring::load(&dir).expect("keyring");
    let slot = keyring.slot_by_login("ayse").expect("slot").clone();
    let pair = keyring
        .open_unlocker(&slot, PASS.as_bytes(), UnlockerKind::Passphrase)
        .expect("pair");
    g.bench_function("open_three_compartments_after_kdf", |b| {
        b.iter(|| {
            rt.block_on(async {
                let mut pools = vec![];
                for spec in LAYOUT {
                    let aad =
                        keyring.compartment_aad(&slot.user_id, spec.name, KeyGeneration::Current);
                    let key =
                        envelope::open_sealed(&pair, &slot.keys[spec.name], &aad).expect("key");
                    pools.push(
                        db::open_compartment(
                            &dir.join(spec.file_name()),
                            spec,
                            std::sync::Arc::new(key),
                            OpenMode::Existing,
                        )
                        .await
                        .expect("open"),
                    );
                }
                for p in pools {
                    p.close().await;
                }
            })
        })
    });
    g.finish();
}

fn audit_appends(c: &mut Criterion) {
    let rt = rt();
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("v");
    create(&rt, &dir, KdfParams::FLOOR);
    let u = unlocked(&rt, &dir);
    let pool = u.pool("org").expect("pool").clone();
    let mut g = c.benchmark_group("audit");
    g.sample_size(10);
    g.bench_function("10000_appends_one_transaction", |b| {
        b.iter(|| {
            rt.block_on(async {
                let mut tx = pool.begin().await.expect("tx");
                for i in 0..10_000 {
                    audit::append(
                        &mut tx,
                        Utc::now(),
                        "u",
                        "bench.append",
                        Some(&i.to_string()),
                    )
                    .await
                    .expect("append");
                }
                tx.commit().await.expect("commit");
            })
        })
    });
    g.bench_function("1000_appends_each_committed", |b| {
        b.iter(|| {
            rt.block_on(async {
                for i in 0..1_000 {
                    let mut conn = pool.acquire().await.expect("conn");
                    audit::append(
                        &mut conn,
                        Utc::now(),
                        "u",
                        "bench.append",
                        Some(&i.to_string()),
                    )
                    .await
                    .expect("append");
                }
            })
        })
    });
    g.bench_function("verify_chain", |b| {
        b.iter(|| rt.block_on(async { audit::verify(&pool, "org").await.expect("verify") }))
    });
    g.finish();
    rt.block_on(u.lock());
}

fn backup(c: &mut Criterion) {
    let rt = rt();
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("v");
    create(&rt, &dir, KdfParams::FLOOR);
    let u = unlocked(&rt, &dir);
    rt.block_on(async {
        // ~100 MB of notes: 100 000 rows of 1 000 characters.
        let mut tx = u.pool("advisor").expect("pool").begin().await.expect("tx");
        for i in 0..100_000 {
            let body = format!("{i:08}{}", "notitie over een gesprek ".repeat(40));
            sqlx::query("INSERT INTO notes (body) VALUES (?1)")
                .bind(body)
                .execute(&mut *tx)
                .await
                .expect("insert");
        }
        tx.commit().await.expect("commit");
        db::checkpoint(u.pool("advisor").expect("pool"))
            .await
            .expect("checkpoint");
    });
    let size: u64 = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "vault size for the backup benchmark: {:.1} MB",
        size as f64 / 1e6
    );
    let out = tmp.path().join("backup.vbak");
    let mut g = c.benchmark_group("backup");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("backup_100mb_vault", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&out);
            rt.block_on(async { u.backup(&out, Utc::now()).await.expect("backup") })
        })
    });
    g.bench_function("verify_100mb_backup", |b| {
        b.iter(|| vertrouwd_vault::verify_backup(&out, LAYOUT).expect("verify"))
    });
    g.finish();
    rt.block_on(u.lock());
}

criterion_group!(benches, unlock, audit_appends, backup);
criterion_main!(benches);
