//! Văn bản and giới thiệu (schema 14): CRUD, the "Mật" refusals on every path (the store's check
//! and the SQL CHECK), the public filters and paging, the search index, the about tree.

use chrono::NaiveDate;
use daihoi_domain::about::AboutFields;
use daihoi_domain::document::{Classification, DocumentFields};
use daihoi_store::{
    Actor, Constraint, DocumentFilter, DocumentTypeInUse, NewAboutPage, NewDocument, SearchItem,
    Store, StoreError, TypeMove,
};

use crate::common::{audit_count, each_backend, t0};

fn fields(number: &str, title: &str, class: Classification) -> DocumentFields {
    DocumentFields {
        number: number.into(),
        title: title.into(),
        issuer: "Ban Thường vụ Huyện ủy".into(),
        signer: "Lò Văn Minh".into(),
        issued_on: NaiveDate::from_ymd_opt(2020, 3, 26).unwrap(),
        effective_on: None,
        summary: "Tóm tắt về đại hội điểm".into(),
        classification: class,
    }
}

async fn type_id(store: &Store, name: &str) -> i64 {
    store
        .document_types()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("type {name}"))
        .id
}

async fn doc(
    store: &Store,
    number: &str,
    title: &str,
    class: Classification,
    publish: bool,
) -> i64 {
    let type_id = type_id(store, "Nghị quyết").await;
    store
        .create_document(
            &NewDocument {
                type_id,
                fields: fields(number, title, class),
            },
            publish,
            &Actor::System,
            t0(),
        )
        .await
        .expect("create document")
        .id
}

fn words(q: &str) -> Vec<String> {
    daihoi_domain::search::parse_query(q).unwrap()
}

async fn found_documents(store: &Store, q: &str) -> Vec<i64> {
    store
        .search_published(&words(q), t0(), 1, 50)
        .await
        .unwrap()
        .hits
        .items
        .into_iter()
        .filter_map(|hit| match hit.item {
            SearchItem::Document(d) => Some(d.id),
            SearchItem::Article(_) | SearchItem::Page(_) | SearchItem::Question(_) => None,
        })
        .collect()
}

#[tokio::test]
async fn documents_are_created_read_updated_published_and_deleted() {
    each_backend(|store| async move {
        let types = store.document_types().await.unwrap();
        assert!(types.len() >= 10);
        assert_eq!(types[0].name, "Nghị quyết");
        let id = doc(
            &store,
            "15-NQ/TU",
            "Về đại hội điểm",
            Classification::Normal,
            false,
        )
        .await;
        let d = store.document_by_id(id).await.unwrap().unwrap();
        assert_eq!(d.number_symbol, "15-NQ/TU");
        assert_eq!(d.type_name, "Nghị quyết");
        assert!(!d.published);
        assert_eq!(store.published_document(id).await.unwrap(), None);
        assert!(found_documents(&store, "dai hoi diem").await.is_empty());

        let d = store
            .set_document_published(id, true, &Actor::System, t0())
            .await
            .unwrap();
        assert!(d.published && d.published_at == Some(t0()));
        assert!(store.published_document(id).await.unwrap().is_some());
        assert_eq!(found_documents(&store, "dai hoi diem").await, vec![id]);
        assert_eq!(found_documents(&store, "15 nq tu").await, vec![id]);

        let mut update = fields(
            "16-NQ/TU",
            "Về đại hội điểm cấp huyện",
            Classification::Normal,
        );
        update.effective_on = NaiveDate::from_ymd_opt(2020, 4, 1);
        let d = store
            .update_document(
                id,
                &NewDocument {
                    type_id: type_id(&store, "Quyết định").await,
                    fields: update,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(d.type_name, "Quyết định");
        assert_eq!(d.number_symbol, "16-NQ/TU");
        assert!(d.published, "an edit keeps the publication");
        assert_eq!(found_documents(&store, "cap huyen").await, vec![id]);

        let (d, replaced) = store
            .set_document_file(id, "2021/07/a.pdf", 1234, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(
            (d.file_name.as_deref(), d.file_size),
            (Some("2021/07/a.pdf"), Some(1234))
        );
        assert_eq!(replaced, None);

        store
            .set_document_published(id, false, &Actor::System, t0())
            .await
            .unwrap();
        assert!(found_documents(&store, "cap huyen").await.is_empty());
        assert_eq!(store.published_document(id).await.unwrap(), None);

        let file = store
            .delete_document(id, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(file.as_deref(), Some("2021/07/a.pdf"));
        assert_eq!(store.document_by_id(id).await.unwrap(), None);
        let audit = store.audit_of("document", id).await.unwrap();
        let actions: Vec<_> = audit.iter().map(|a| a.action.as_str()).collect();
        for action in [
            "create",
            "publish",
            "update",
            "attach_file",
            "unpublish",
            "delete",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        // An unknown type is refused.
        let err = store
            .create_document(
                &NewDocument {
                    type_id: 9999,
                    fields: fields("1", "x", Classification::Normal),
                },
                false,
                &Actor::System,
                t0(),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    })
    .await;
}

/// "Mật" can never be published: not on creation, not by publishing, not by an edit of a
/// published document, not by SQL written by hand; and nothing public shows it.
#[tokio::test]
async fn a_secret_document_is_refused_on_every_path() {
    each_backend(|store| async move {
        let t = type_id(&store, "Chỉ thị").await;
        for class in [
            Classification::Secret,
            Classification::TopSecret,
            Classification::UltraSecret,
        ] {
            let err = store
                .create_document(
                    &NewDocument {
                        type_id: t,
                        fields: fields("01-CT/TU", "Chỉ thị mật", class),
                    },
                    true,
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(&err, StoreError::Invalid(m) if m.contains("không bao giờ được xuất bản")),
                "{err:?}"
            );
        }
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(n, 0, "a refused creation writes nothing");

        let secret = doc(
            &store,
            "02-CT/TU",
            "Chỉ thị bảo mật",
            Classification::Secret,
            false,
        )
        .await;
        let err = store
            .set_document_published(secret, true, &Actor::System, t0())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
        assert!(
            !store
                .document_by_id(secret)
                .await
                .unwrap()
                .unwrap()
                .published
        );

        // A published document cannot be marked "Mật" by an edit.
        let open = doc(
            &store,
            "03-CT/TU",
            "Chỉ thị công khai",
            Classification::Normal,
            true,
        )
        .await;
        let err = store
            .update_document(
                open,
                &NewDocument {
                    type_id: t,
                    fields: fields("03-CT/TU", "Chỉ thị công khai", Classification::Secret),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.contains("gỡ văn bản")),
            "{err:?}"
        );
        assert_eq!(
            store
                .document_by_id(open)
                .await
                .unwrap()
                .unwrap()
                .classification,
            Classification::Normal
        );

        // The SQL CHECK refuses what the code would never write.
        let by_hand = sqlx::query("UPDATE document SET status = 'published' WHERE id = $1")
            .bind(secret)
            .execute(store.pool())
            .await;
        assert!(by_hand.is_err(), "the CHECK refuses a published secret");
        let by_hand = sqlx::query("UPDATE document SET classification = 'tuyet-mat' WHERE id = $1")
            .bind(open)
            .execute(store.pool())
            .await;
        assert!(
            by_hand.is_err(),
            "the CHECK refuses classifying a published document"
        );

        // Nothing public shows it.
        assert_eq!(store.published_document(secret).await.unwrap(), None);
        let listed = store
            .list_published_documents(&DocumentFilter::default(), 1, 50)
            .await
            .unwrap();
        assert_eq!(
            listed.items.iter().map(|d| d.id).collect::<Vec<_>>(),
            vec![open]
        );
        assert!(found_documents(&store, "bao mat").await.is_empty());
        let indexed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM search_doc WHERE kind = 'document' AND item_id = $1",
        )
        .bind(secret)
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(indexed, 0, "the index never holds a secret document");
        let latest = store.latest_published_documents(20).await.unwrap();
        assert!(latest.iter().all(|d| d.id != secret));
        let facets = store.document_facets().await.unwrap();
        assert_eq!(facets.years, vec![2020]);
        // The administration sees it.
        let all = store
            .list_all_documents(&DocumentFilter::default(), 1, 50)
            .await
            .unwrap();
        assert_eq!(all.total, 2);
    })
    .await;
}

#[tokio::test]
async fn the_public_list_filters_and_pages() {
    each_backend(|store| async move {
        let nq = type_id(&store, "Nghị quyết").await;
        let kh = type_id(&store, "Kế hoạch").await;
        for i in 0..25u32 {
            let mut f = fields(
                &format!("{i}-KH/HU"),
                &format!("Kế hoạch số {i} về đại hội"),
                Classification::Normal,
            );
            f.issued_on = NaiveDate::from_ymd_opt(2019 + (i % 2) as i32, 1 + i % 12, 1).unwrap();
            if i % 5 == 0 {
                f.issuer = "Ủy ban nhân dân huyện".into();
                f.signer = "Trần Thị Hoa".into();
            }
            store
                .create_document(
                    &NewDocument {
                        type_id: if i % 3 == 0 { nq } else { kh },
                        fields: f,
                    },
                    true,
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
        let all = DocumentFilter::default();
        let p1 = store.list_published_documents(&all, 1, 10).await.unwrap();
        assert_eq!((p1.total, p1.items.len(), p1.page_count()), (25, 10, 3));
        let p3 = store.list_published_documents(&all, 3, 10).await.unwrap();
        assert_eq!(p3.items.len(), 5);
        // Newest issue date first.
        assert!(
            p1.items
                .windows(2)
                .all(|w| w[0].issued_on >= w[1].issued_on)
        );

        let by_type = DocumentFilter {
            type_id: Some(nq),
            ..DocumentFilter::default()
        };
        assert_eq!(
            store
                .list_published_documents(&by_type, 1, 50)
                .await
                .unwrap()
                .total,
            9
        );
        let by_year = DocumentFilter {
            year: Some(2020),
            ..DocumentFilter::default()
        };
        assert_eq!(
            store
                .list_published_documents(&by_year, 1, 50)
                .await
                .unwrap()
                .total,
            12
        );
        let by_issuer = DocumentFilter {
            issuer: Some("Ủy ban nhân dân huyện".into()),
            ..DocumentFilter::default()
        };
        assert_eq!(
            store
                .list_published_documents(&by_issuer, 1, 50)
                .await
                .unwrap()
                .total,
            5
        );
        let by_signer = DocumentFilter {
            signer: Some("Trần Thị Hoa".into()),
            year: Some(2019),
            ..DocumentFilter::default()
        };
        assert_eq!(
            store
                .list_published_documents(&by_signer, 1, 50)
                .await
                .unwrap()
                .total,
            3
        );
        // The text box: folded words, all of them, `%` and `_` literal.
        let text = DocumentFilter {
            text: "KE HOACH so 12".into(),
            ..DocumentFilter::default()
        };
        let found = store.list_published_documents(&text, 1, 50).await.unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.items[0].number_symbol, "12-KH/HU");
        let wild = DocumentFilter {
            text: "%_".into(),
            ..DocumentFilter::default()
        };
        assert_eq!(
            store
                .list_published_documents(&wild, 1, 50)
                .await
                .unwrap()
                .total,
            0
        );
        let facets = store.document_facets().await.unwrap();
        assert_eq!(facets.years, vec![2020, 2019]);
        assert_eq!(
            facets.issuers,
            vec!["Ban Thường vụ Huyện ủy", "Ủy ban nhân dân huyện"]
        );
        assert_eq!(facets.signers.len(), 2);
    })
    .await;
}

fn page(title: &str, slug: &str, position: i64) -> AboutFields {
    AboutFields {
        title: title.into(),
        slug: slug.into(),
        position,
        body_md: format!("Nội dung {title}"),
    }
}

#[tokio::test]
async fn about_pages_form_a_bounded_tree() {
    each_backend(|store| async move {
        let new = |f: AboutFields, parent: Option<i64>, published: bool| NewAboutPage {
            fields: f,
            parent_id: parent,
            published,
        };
        let a = store
            .create_about_page(
                &new(page("Cơ cấu tổ chức", "co-cau", 2), None, true),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let b = store
            .create_about_page(
                &new(
                    page("Ban Tuyên giáo", "ban-tuyen-giao", 1),
                    Some(a.id),
                    true,
                ),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let c = store
            .create_about_page(
                &new(page("Phòng", "phong", 1), Some(b.id), false),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        // A fourth level is refused, and so is a loop.
        let err = store
            .create_about_page(
                &new(page("Tổ", "to", 1), Some(c.id), true),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.contains("tối đa 3 cấp")),
            "{err:?}"
        );
        let err = store
            .update_about_page(
                a.id,
                &new(page("Cơ cấu tổ chức", "co-cau", 2), Some(c.id), true),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
        // A taken slug is a typed conflict.
        let err = store
            .create_about_page(
                &new(page("Khác", "co-cau", 1), None, true),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Conflict(Constraint::AboutPageSlug)),
            "{err:?}"
        );
        // Public: published pages under published pages only.
        let public: Vec<_> = store
            .public_about_pages()
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.slug)
            .collect();
        assert_eq!(public, vec!["ban-tuyen-giao", "co-cau"]);
        store
            .update_about_page(
                a.id,
                &new(page("Cơ cấu tổ chức", "co-cau", 2), None, false),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert!(
            store.public_about_pages().await.unwrap().is_empty(),
            "a hidden parent hides its pages"
        );
        let words = daihoi_domain::search::parse_query("ban tuyen giao").unwrap();
        let found = store.search_published(&words, t0(), 1, 10).await.unwrap().hits;
        assert_eq!(found.total, 0, "nor does the search find them");
        store
            .update_about_page(
                a.id,
                &new(page("Cơ cấu tổ chức", "co-cau", 2), None, true),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let found = store.search_published(&words, t0(), 1, 10).await.unwrap().hits;
        assert!(
            matches!(&found.items[..], [hit] if matches!(&hit.item, SearchItem::Page(p) if p.slug == "ban-tuyen-giao")),
            "{found:?}"
        );
        assert_eq!(store.list_about_pages().await.unwrap().len(), 3);
        assert_eq!(store.audit_of("about_page", a.id).await.unwrap().len(), 3);
    })
    .await;
}

async fn type_names(store: &Store) -> Vec<String> {
    store
        .document_types()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect()
}

#[tokio::test]
async fn document_types_are_added_renamed_reordered_and_deleted() {
    each_backend(|store| async move {
        // The seeded types got their folded keys when the store migrated (schema 17): a name
        // folding to one of them is refused.
        for taken in ["QUYET DINH", "quyết   định", "Nghi quyet"] {
            let err = store
                .create_document_type(taken, &Actor::System, t0())
                .await
                .expect_err(taken);
            assert!(
                matches!(err, StoreError::Conflict(Constraint::DocumentTypeName)),
                "{taken}: {err:?}"
            );
        }
        let err = store
            .create_document_type("  ", &Actor::System, t0())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(ref m) if m.contains("Tên loại văn bản")));

        let before = audit_count(&store).await;
        let added = store
            .create_document_type(" Đề   án ", &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(added.name, "Đề án");
        let names = type_names(&store).await;
        assert_eq!(
            names.last().map(String::as_str),
            Some("Đề án"),
            "added last"
        );
        assert_eq!(audit_count(&store).await, before + 1);

        // Renaming: to its own name in another case is allowed; to another's folded name is not.
        let renamed = store
            .rename_document_type(added.id, "ĐỀ ÁN", &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(renamed.name, "ĐỀ ÁN");
        let err = store
            .rename_document_type(added.id, "cong van", &Actor::System, t0())
            .await
            .unwrap_err();
        assert!(matches!(
            err,
            StoreError::Conflict(Constraint::DocumentTypeName)
        ));
        // Two admins saving the same name at once both pass the check; the second insert meets
        // the older exact-name constraint first (schema 14): still the same conflict, not a
        // database error. A direct insert of a taken name shows it.
        let err = sqlx::query(
            "INSERT INTO document_type (name, name_key, position) VALUES ('ĐỀ ÁN', 'khac', 99)",
        )
        .execute(store.pool())
        .await
        .expect_err("exact name taken");
        assert_eq!(
            daihoi_store::conflict_of(&err),
            Some(Constraint::DocumentTypeName)
        );
        let err = store
            .rename_document_type(99_999, "Tờ trình mới", &Actor::System, t0())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }));

        // A rename reaches the public documents' index rows, which hold the type's name.
        let id = doc(
            &store,
            "7-NQ/HU",
            "Về đại hội",
            Classification::Normal,
            true,
        )
        .await;
        let nq = type_id(&store, "Nghị quyết").await;
        store
            .rename_document_type(nq, "Nghị quyết liên tịch", &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(found_documents(&store, "lien tich").await, vec![id]);
        assert_eq!(
            store.document_by_id(id).await.unwrap().unwrap().type_name,
            "Nghị quyết liên tịch"
        );

        // Moving: one place at a time, nothing past either end; positions become 1, 2, 3, …
        let first = store.document_types().await.unwrap()[0].clone();
        let moved = store
            .move_document_type(first.id, TypeMove::Up, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(moved[0].id, first.id, "the first stays first");
        let moved = store
            .move_document_type(first.id, TypeMove::Down, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(moved[1].id, first.id);
        let positions: Vec<i64> = moved.iter().map(|t| t.position).collect();
        assert_eq!(positions, (1..=moved.len() as i64).collect::<Vec<_>>());
        assert_eq!(store.document_types().await.unwrap(), moved, "as stored");
        let last = moved.last().unwrap().id;
        let again = store
            .move_document_type(last, TypeMove::Down, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(again, moved);

        // Deleting: refused while a document uses the type, with how many; then allowed.
        let uses = store.document_type_uses().await.unwrap();
        let used = uses.iter().find(|u| u.document_type.id == nq).unwrap();
        assert_eq!(used.documents, 1);
        store
            .create_document(
                &NewDocument {
                    type_id: nq,
                    fields: fields("8-NQ/HU", "Về nhân sự", Classification::Secret),
                },
                false,
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let before = audit_count(&store).await;
        assert_eq!(
            store
                .delete_document_type(nq, &Actor::System, t0())
                .await
                .unwrap(),
            Err(DocumentTypeInUse { documents: 2 })
        );
        assert_eq!(audit_count(&store).await, before, "nothing written");
        assert!(
            type_names(&store)
                .await
                .contains(&"Nghị quyết liên tịch".to_owned())
        );
        store
            .delete_document_type(added.id, &Actor::System, t0())
            .await
            .unwrap()
            .unwrap();
        assert!(!type_names(&store).await.contains(&"ĐỀ ÁN".to_owned()));
        assert_eq!(audit_count(&store).await, before + 1);
        // Its name is free again.
        store
            .create_document_type("Đề án", &Actor::System, t0())
            .await
            .unwrap();
    })
    .await;
}

async fn index_rows_of_page(store: &Store, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM search_doc WHERE kind = 'page' AND item_id = $1")
        .bind(id)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_about_page_is_deleted_with_its_index_row_unless_pages_are_under_it() {
    each_backend(|store| async move {
        let new = |f: AboutFields, parent: Option<i64>| NewAboutPage {
            fields: f,
            parent_id: parent,
            published: true,
        };
        let top = store
            .create_about_page(
                &new(page("Lãnh đạo", "lanh-dao", 1), None),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let mut children = Vec::new();
        for (title, slug, position) in [("Bí thư", "bi-thu", 2), ("Phó Bí thư", "pho-bi-thu", 1)]
        {
            let child = store
                .create_about_page(
                    &new(page(title, slug, position), Some(top.id)),
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
            children.push(child.id);
        }
        assert_eq!(index_rows_of_page(&store, top.id).await, 1);
        assert_eq!(
            store.about_page_children(top.id).await.unwrap(),
            ["Phó Bí thư", "Bí thư"]
        );

        // Refused while pages are under it, naming them in sibling order; nothing changes.
        let audit = store.audit_of("about_page", top.id).await.unwrap().len();
        let refused = store
            .delete_about_page(top.id, &Actor::System, t0())
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(refused.children, ["Phó Bí thư", "Bí thư"]);
        assert!(store.about_page_by_id(top.id).await.unwrap().is_some());
        assert_eq!(index_rows_of_page(&store, top.id).await, 1);
        assert_eq!(
            store.audit_of("about_page", top.id).await.unwrap().len(),
            audit
        );

        // The children first, then the page: each gone with its index row, each audited.
        for id in children {
            let deleted = store
                .delete_about_page(id, &Actor::System, t0())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(deleted.id, id);
            assert_eq!(index_rows_of_page(&store, id).await, 0);
        }
        let deleted = store
            .delete_about_page(top.id, &Actor::System, t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(deleted.slug, "lanh-dao");
        assert!(store.about_page_by_id(top.id).await.unwrap().is_none());
        assert_eq!(index_rows_of_page(&store, top.id).await, 0);
        let words = daihoi_domain::search::parse_query("lanh dao").unwrap();
        assert_eq!(
            store
                .search_published(&words, t0(), 1, 10)
                .await
                .unwrap()
                .hits
                .total,
            0
        );
        assert_eq!(
            store.audit_of("about_page", top.id).await.unwrap().len(),
            audit + 1
        );
        // Its address is free again; an unknown page is a NotFound.
        store
            .create_about_page(
                &new(page("Lãnh đạo", "lanh-dao", 1), None),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let err = store
            .delete_about_page(99_999, &Actor::System, t0())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    })
    .await;
}
