/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
DROP TABLE IF EXISTS `nv4_vi_news_admins`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_admins` (
  `userid` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `catid` smallint(5) NOT NULL DEFAULT 0,
  `admin` tinyint(4) NOT NULL DEFAULT 0,
  `add_content` tinyint(4) NOT NULL DEFAULT 0,
  `pub_content` tinyint(4) NOT NULL DEFAULT 0,
  `edit_content` tinyint(4) NOT NULL DEFAULT 0,
  `del_content` tinyint(4) NOT NULL DEFAULT 0,
  `app_content` tinyint(4) NOT NULL DEFAULT 0,
  UNIQUE KEY `userid` (`userid`,`catid`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_admins` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_admins` DISABLE KEYS */;
/*!40000 ALTER TABLE `nv4_vi_news_admins` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_5`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_5` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_5` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_5` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_5` VALUES (1,1,'1,5,7',0,1,'Quỳnh Nhi',1,1274989177,1275318126,1,1,1274989140,0,2,'Ra mắt công ty mã nguồn mở đầu tiên tại Việt Nam','Ra-mat-cong-ty-ma-nguon-mo-dau-tien-tai-Viet-Nam','Mã nguồn mở NukeViet vốn đã quá quen thuộc với cộng đồng CNTT Việt Nam trong mấy năm qua. Tuy chưa hoạt động chính thức, nhưng chỉ trong khoảng 5 năm gần đây, mã nguồn mở NukeViet đã được dùng phổ biến ở Việt Nam, áp dụng ở hầu hết các lĩnh vực, từ tin tức đến thương mại điện tử, từ các website cá nhân cho tới những hệ thống website doanh nghiệp.','nangly.jpg','Thành lập VINADES.,JSC',1,1,'6',1,0,2,0,0,0,0,'',0);
/*!40000 ALTER TABLE `nv4_vi_news_5` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_voices`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_voices` (
  `id` smallint(4) unsigned NOT NULL AUTO_INCREMENT,
  `voice_key` varchar(50) NOT NULL DEFAULT '' COMMENT 'Khóa dùng trong Api sau này',
  `title` varchar(250) NOT NULL DEFAULT '',
  `description` text NOT NULL,
  `add_time` int(11) unsigned NOT NULL DEFAULT 0,
  `edit_time` int(11) unsigned NOT NULL DEFAULT 0,
  `weight` smallint(4) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1 COMMENT '0: Dừng, 1: Hoạt động',
  PRIMARY KEY (`id`),
  UNIQUE KEY `title` (`title`),
  KEY `weight` (`weight`),
  KEY `status` (`status`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_voices` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_voices` DISABLE KEYS */;
/*!40000 ALTER TABLE `nv4_vi_news_voices` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_author`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_author` (
  `id` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `uid` int(11) unsigned NOT NULL,
  `alias` varchar(100) NOT NULL DEFAULT '',
  `pseudonym` varchar(100) NOT NULL DEFAULT '',
  `image` varchar(255) DEFAULT '',
  `description` text DEFAULT NULL,
  `add_time` int(11) unsigned NOT NULL DEFAULT 0,
  `edit_time` int(11) unsigned NOT NULL DEFAULT 0,
  `active` tinyint(1) unsigned NOT NULL DEFAULT 1,
  `numnews` mediumint(8) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uid` (`uid`),
  UNIQUE KEY `alias` (`alias`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_author` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_author` DISABLE KEYS */;
/*!40000 ALTER TABLE `nv4_vi_news_author` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_tags`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_tags` (
  `tid` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `numnews` mediumint(8) NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `image` varchar(255) DEFAULT '',
  `description` text DEFAULT NULL,
  `keywords` varchar(255) DEFAULT '',
  PRIMARY KEY (`tid`),
  UNIQUE KEY `alias` (`alias`)
) ENGINE=MyISAM AUTO_INCREMENT=43 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_tags` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_tags` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_tags` VALUES (1,0,'','nguồn-mở','','','nguồn mở');
INSERT INTO `nv4_vi_news_tags` VALUES (2,0,'','quen-thuộc','','','quen thuộc');
INSERT INTO `nv4_vi_news_tags` VALUES (3,0,'','cộng-đồng','','','cộng đồng');
INSERT INTO `nv4_vi_news_tags` VALUES (4,0,'','việt-nam','','','việt nam');
INSERT INTO `nv4_vi_news_tags` VALUES (5,0,'','hoạt-động','','','hoạt động');
INSERT INTO `nv4_vi_news_tags` VALUES (6,0,'','tin-tức','','','tin tức');
INSERT INTO `nv4_vi_news_tags` VALUES (7,1,'','thương-mại-điện','','','thương mại điện');
INSERT INTO `nv4_vi_news_tags` VALUES (8,0,'','điện-tử','','','điện tử');
INSERT INTO `nv4_vi_news_tags` VALUES (9,13,'','nukeviet','','','nukeviet');
INSERT INTO `nv4_vi_news_tags` VALUES (10,8,'','vinades','','','vinades');
INSERT INTO `nv4_vi_news_tags` VALUES (11,3,'','lập-trình-viên','','','lập trình viên');
INSERT INTO `nv4_vi_news_tags` VALUES (12,3,'','chuyên-viên-đồ-họa','','','chuyên viên đồ họa');
INSERT INTO `nv4_vi_news_tags` VALUES (13,3,'','php','','','php');
INSERT INTO `nv4_vi_news_tags` VALUES (14,2,'','mysql','','','mysql');
INSERT INTO `nv4_vi_news_tags` VALUES (15,1,'','nhân-tài-đất-việt-2011','','','nhân tài đất việt 2011');
INSERT INTO `nv4_vi_news_tags` VALUES (16,9,'','mã-nguồn-mở','','','mã nguồn mở');
INSERT INTO `nv4_vi_news_tags` VALUES (17,2,'','nukeviet4','','','nukeviet4');
INSERT INTO `nv4_vi_news_tags` VALUES (18,1,'','mail','','','mail');
INSERT INTO `nv4_vi_news_tags` VALUES (19,1,'','fpt','','','fpt');
INSERT INTO `nv4_vi_news_tags` VALUES (20,1,'','smtp','','','smtp');
INSERT INTO `nv4_vi_news_tags` VALUES (21,1,'','bootstrap','','','bootstrap');
INSERT INTO `nv4_vi_news_tags` VALUES (22,1,'','block','','','block');
INSERT INTO `nv4_vi_news_tags` VALUES (23,1,'','modules','','','modules');
INSERT INTO `nv4_vi_news_tags` VALUES (24,2,'','banner','','','banner');
INSERT INTO `nv4_vi_news_tags` VALUES (25,1,'','liên-kết','','','liên kết');
INSERT INTO `nv4_vi_news_tags` VALUES (26,2,'','hosting','','','hosting');
INSERT INTO `nv4_vi_news_tags` VALUES (27,1,'','hỗ-trợ','','','hỗ trợ');
INSERT INTO `nv4_vi_news_tags` VALUES (28,1,'','hợp-tác','','','hợp tác');
INSERT INTO `nv4_vi_news_tags` VALUES (29,1,'','tốc-độ','','','tốc độ');
INSERT INTO `nv4_vi_news_tags` VALUES (30,2,'','website','','','website');
INSERT INTO `nv4_vi_news_tags` VALUES (31,1,'','bảo-mật','','','bảo mật');
INSERT INTO `nv4_vi_news_tags` VALUES (32,4,'','giáo-dục','','','giáo dục');
INSERT INTO `nv4_vi_news_tags` VALUES (33,1,'','edu-gate','','','edu gate');
INSERT INTO `nv4_vi_news_tags` VALUES (34,2,'','lập-trình','','','lập trình');
INSERT INTO `nv4_vi_news_tags` VALUES (35,1,'','logo','','','logo');
INSERT INTO `nv4_vi_news_tags` VALUES (36,1,'','code','','','code');
INSERT INTO `nv4_vi_news_tags` VALUES (37,1,'','thực-tập','','','thực tập');
INSERT INTO `nv4_vi_news_tags` VALUES (38,1,'','kinh-doanh','','','kinh doanh');
INSERT INTO `nv4_vi_news_tags` VALUES (39,1,'','nhân-viên','','','nhân viên');
INSERT INTO `nv4_vi_news_tags` VALUES (40,1,'','bộ-gd&đt','','','Bộ GD&ĐT');
INSERT INTO `nv4_vi_news_tags` VALUES (41,1,'','module','','','module');
INSERT INTO `nv4_vi_news_tags` VALUES (42,1,'','php-nuke','','','php-nuke');
/*!40000 ALTER TABLE `nv4_vi_news_tags` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_sources`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_sources` (
  `sourceid` mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(250) NOT NULL DEFAULT '',
  `link` varchar(255) DEFAULT '',
  `logo` varchar(255) DEFAULT '',
  `weight` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `add_time` int(11) unsigned NOT NULL,
  `edit_time` int(11) unsigned NOT NULL,
  PRIMARY KEY (`sourceid`),
  UNIQUE KEY `title` (`title`)
) ENGINE=MyISAM AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_sources` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_sources` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_sources` VALUES (1,'Báo Hà Nội Mới','http://hanoimoi.com.vn','',1,1274989177,1274989177);
INSERT INTO `nv4_vi_news_sources` VALUES (2,'VINADES.,JSC','http://vinades.vn','',2,1274989787,1274989787);
INSERT INTO `nv4_vi_news_sources` VALUES (3,'Báo điện tử Dân Trí','http://dantri.com.vn','',3,1322685396,1322685396);
INSERT INTO `nv4_vi_news_sources` VALUES (4,'Bộ Thông tin và Truyền thông','http://http://mic.gov.vn','',4,1445309676,1445309676);
/*!40000 ALTER TABLE `nv4_vi_news_sources` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_6`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_6` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_6` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_6` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_6` VALUES (6,1,'1,6',0,1,'',3,1322685920,1322686042,1,2,1322685920,0,2,'Mã nguồn mở NukeViet giành giải ba Nhân tài đất Việt 2011','Ma-nguon-mo-NukeViet-gianh-giai-ba-Nhan-tai-dat-Viet-2011','Không có giải nhất và giải nhì, sản phẩm Mã nguồn mở NukeViet của VINADES.,JSC là một trong ba sản phẩm đã đoạt giải ba Nhân tài đất Việt 2011 - Lĩnh vực Công nghệ thông tin (Sản phẩm đã ứng dụng rộng rãi).','nukeviet-nhantaidatviet2011.jpg','Mã nguồn mở NukeViet giành giải ba Nhân tài đất Việt 2011',1,1,'6',1,0,1,0,0,0,0,'',0);
/*!40000 ALTER TABLE `nv4_vi_news_6` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_row_histories`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_row_histories` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `new_id` int(11) unsigned NOT NULL DEFAULT 0,
  `historytime` int(11) unsigned NOT NULL DEFAULT 0,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0 COMMENT 'ID người đăng',
  `author` varchar(250) NOT NULL DEFAULT '',
  `sourceid` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  `titlesite` varchar(255) NOT NULL DEFAULT '',
  `description` text NOT NULL,
  `bodyhtml` longtext NOT NULL,
  `voicedata` text DEFAULT NULL COMMENT 'Data giọng đọc json',
  `keywords` varchar(255) DEFAULT '',
  `sourcetext` varchar(255) DEFAULT '',
  `files` text DEFAULT NULL,
  `tags` text DEFAULT NULL,
  `internal_authors` varchar(255) NOT NULL DEFAULT '',
  `imgposition` tinyint(1) NOT NULL DEFAULT 1,
  `layout_func` varchar(100) DEFAULT '',
  `copyright` tinyint(1) NOT NULL DEFAULT 0,
  `allowed_send` tinyint(1) NOT NULL DEFAULT 0,
  `allowed_print` tinyint(1) NOT NULL DEFAULT 0,
  `allowed_save` tinyint(1) NOT NULL DEFAULT 0,
  `changed_fields` text NOT NULL COMMENT 'Các field thay đổi',
  PRIMARY KEY (`id`),
  KEY `new_id` (`new_id`),
  KEY `historytime` (`historytime`),
  KEY `admin_id` (`admin_id`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Lịch sử bài viết';
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_row_histories` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_row_histories` DISABLE KEYS */;
/*!40000 ALTER TABLE `nv4_vi_news_row_histories` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_7`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_7` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_7` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_7` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_7` VALUES (1,1,'1,5,7',0,1,'Quỳnh Nhi',1,1274989177,1275318126,1,1,1274989140,0,2,'Ra mắt công ty mã nguồn mở đầu tiên tại Việt Nam','Ra-mat-cong-ty-ma-nguon-mo-dau-tien-tai-Viet-Nam','Mã nguồn mở NukeViet vốn đã quá quen thuộc với cộng đồng CNTT Việt Nam trong mấy năm qua. Tuy chưa hoạt động chính thức, nhưng chỉ trong khoảng 5 năm gần đây, mã nguồn mở NukeViet đã được dùng phổ biến ở Việt Nam, áp dụng ở hầu hết các lĩnh vực, từ tin tức đến thương mại điện tử, từ các website cá nhân cho tới những hệ thống website doanh nghiệp.','nangly.jpg','Thành lập VINADES.,JSC',1,1,'6',1,0,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_7` VALUES (2,7,'1,7',0,1,'Nguyễn Thế Hùng',7,1453192444,1453192444,1,12,1453192444,0,2,'Hãy trở thành nhà cung cấp dịch vụ của NukeViet&#33;','hay-tro-thanh-nha-cung-cap-dich-vu-cua-nukeviet','Nếu bạn là công ty hosting, là công ty thiết kế web có sử dụng mã nguồn NukeViet, là cơ sở đào tạo NukeViet hay là công ty bất kỳ có kinh doanh dịch vụ liên quan đến NukeViet... hãy cho chúng tôi biết thông tin liên hệ của bạn để NukeViet hỗ trợ bạn trong công việc kinh doanh nhé!','hoptac.jpg','',1,1,'6',1,0,14,0,0,0,0,'',0);
/*!40000 ALTER TABLE `nv4_vi_news_7` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_2`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_2` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=16 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_2` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_2` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_2` VALUES (13,2,'2',0,1,'VINADES',0,1453194455,1453194455,1,13,1453194455,0,2,'NukeViet 4.0 có gì mới?','nukeviet-4-0-co-gi-moi','NukeViet 4 là phiên bản NukeViet được cộng đồng đánh giá cao, hứa hẹn nhiều điểm vượt trội về công nghệ đến thời điểm hiện tại. NukeViet 4 thay đổi gần như hoàn toàn từ nhân hệ thống đến chức năng, giao diện người dùng. Vậy, có gì mới trong phiên bản này?','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','',1,1,'4',1,0,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_2` VALUES (14,2,'2',0,1,'VINADES',0,1501837620,1501837620,1,14,1501837620,0,2,'NukeViet 4.2 có gì mới?','nukeviet-4-2-co-gi-moi','NukeViet 4.2 là phiên bản nâng cấp của phiên bản NukeViet 4.0 tập trung vào việc fix các vấn đề bất cập còn tồn tại của NukeViet 4.0, Thêm các tính năng mới để tăng cường bảo mật của hệ thống cũng như tối ưu trải nghiệm của người dùng.','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','',1,1,'4',1,1,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_2` VALUES (15,2,'2',0,1,'VINADES',0,1510215907,1510215907,1,15,1510215907,0,2,'NukeViet 4.3 có gì mới?','nukeviet-4-3-co-gi-moi','NukeViet 4.3 là phiên bản nâng cấp của phiên bản NukeViet 4.2 tập trung vào việc fix các vấn đề bất cập còn tồn tại, tối ưu trải nghiệm của người dùng.','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','',1,1,'4',1,1,2,0,0,0,0,'',0);
/*!40000 ALTER TABLE `nv4_vi_news_2` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_3`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_3` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=13 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_3` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_3` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_3` VALUES (12,1,'1,3',0,1,'',0,1445391217,1445393997,1,10,1445391180,0,2,'Hỗ trợ tập huấn và triển khai NukeViet cho các Phòng, Sở GD&amp;ĐT','ho-tro-tap-huan-va-trien-khai-nukeviet-cho-cac-phong-so-gd-dt','Trên cơ sở Hướng dẫn thực hiện nhiệm vụ CNTT năm học 2015 - 2016 của Bộ Giáo dục và Đào tạo, Công ty cổ phần phát triển nguồn mở Việt Nam và các doanh nghiệp phát triển NukeViet trong cộng đồng NukeViet đang tích cực công tác hỗ trợ cho các phòng GD&ĐT, Sở GD&ĐT triển khai 2 nội dung chính: Hỗ trợ công tác đào tạo tập huấn hướng dẫn sử dụng NukeViet và Hỗ trợ triển khai NukeViet cho các trường, Phòng và Sở GD&ĐT','tap-huan-pgd-ha-dong-2015.jpg','Tập huấn triển khai NukeViet tại Phòng Giáo dục và Đào tạo Hà Đông - Hà Nội',1,1,'4',1,0,1,0,0,0,0,'',0);
/*!40000 ALTER TABLE `nv4_vi_news_3` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_cat`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_cat` (
  `catid` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `parentid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL,
  `titlesite` varchar(250) DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `description` text DEFAULT NULL,
  `descriptionhtml` text DEFAULT NULL,
  `image` varchar(255) DEFAULT '',
  `viewdescription` tinyint(2) NOT NULL DEFAULT 0,
  `weight` smallint(5) unsigned NOT NULL DEFAULT 0,
  `sort` smallint(5) NOT NULL DEFAULT 0,
  `lev` smallint(5) NOT NULL DEFAULT 0,
  `viewcat` varchar(50) NOT NULL DEFAULT 'viewcat_page_new',
  `numsubcat` smallint(5) NOT NULL DEFAULT 0,
  `subcatid` varchar(255) DEFAULT '',
  `numlinks` tinyint(2) unsigned NOT NULL DEFAULT 3,
  `newday` tinyint(2) unsigned NOT NULL DEFAULT 2,
  `featured` int(11) NOT NULL DEFAULT 0,
  `ad_block_cat` varchar(255) NOT NULL DEFAULT '',
  `layout_func` varchar(100) NOT NULL DEFAULT '' COMMENT 'Layout khi xem chuyên mục',
  `keywords` text DEFAULT NULL,
  `admins` text DEFAULT NULL,
  `add_time` int(11) unsigned NOT NULL DEFAULT 0,
  `edit_time` int(11) unsigned NOT NULL DEFAULT 0,
  `groups_view` varchar(255) DEFAULT '',
  `status` smallint(4) NOT NULL DEFAULT 1,
  PRIMARY KEY (`catid`),
  UNIQUE KEY `alias` (`alias`),
  KEY `parentid` (`parentid`),
  KEY `status` (`status`)
) ENGINE=MyISAM AUTO_INCREMENT=8 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_cat` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_cat` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_cat` VALUES (1,0,'Tin tức','','Tin-tuc','','','',0,1,1,0,'viewcat_main_right',3,'5,6,7',4,2,0,'','','','',1274986690,1274986690,'6',1);
INSERT INTO `nv4_vi_news_cat` VALUES (2,0,'Sản phẩm','','San-pham','','','',0,2,5,0,'viewcat_page_new',0,'',4,2,0,'','','','',1274986705,1274986705,'6',1);
INSERT INTO `nv4_vi_news_cat` VALUES (3,0,'Đối tác','','Doi-tac','','','',0,3,9,0,'viewcat_page_new',0,'',4,2,0,'','','','',1274987460,1274987460,'6',1);
INSERT INTO `nv4_vi_news_cat` VALUES (4,0,'Tuyển dụng','','Tuyen-dung','','','',0,4,12,0,'viewcat_page_new',0,'',4,2,0,'','','','',1274987538,1274987538,'6',1);
INSERT INTO `nv4_vi_news_cat` VALUES (5,1,'Thông cáo báo chí','','thong-cao-bao-chi','','','',0,1,2,1,'viewcat_page_new',0,'',4,2,0,'','','','',1274987105,1274987244,'6',1);
INSERT INTO `nv4_vi_news_cat` VALUES (6,1,'Tin công nghệ','','Tin-cong-nghe','','','',0,3,4,1,'viewcat_page_new',0,'',4,2,0,'','','','',1274987212,1274987212,'6',1);
INSERT INTO `nv4_vi_news_cat` VALUES (7,1,'Bản tin nội bộ','','Ban-tin-noi-bo','','','',0,2,3,1,'viewcat_page_new',0,'',4,2,0,'','','','',1274987902,1274987902,'6',1);
/*!40000 ALTER TABLE `nv4_vi_news_cat` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_1`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_1` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=17 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_1` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_1` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_1` VALUES (1,1,'1,5,7',0,1,'Quỳnh Nhi',1,1274989177,1275318126,1,1,1274989140,0,2,'Ra mắt công ty mã nguồn mở đầu tiên tại Việt Nam','Ra-mat-cong-ty-ma-nguon-mo-dau-tien-tai-Viet-Nam','Mã nguồn mở NukeViet vốn đã quá quen thuộc với cộng đồng CNTT Việt Nam trong mấy năm qua. Tuy chưa hoạt động chính thức, nhưng chỉ trong khoảng 5 năm gần đây, mã nguồn mở NukeViet đã được dùng phổ biến ở Việt Nam, áp dụng ở hầu hết các lĩnh vực, từ tin tức đến thương mại điện tử, từ các website cá nhân cho tới những hệ thống website doanh nghiệp.','nangly.jpg','Thành lập VINADES.,JSC',1,1,'6',1,0,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_1` VALUES (6,1,'1,6',0,1,'',3,1322685920,1322686042,1,2,1322685920,0,2,'Mã nguồn mở NukeViet giành giải ba Nhân tài đất Việt 2011','Ma-nguon-mo-NukeViet-gianh-giai-ba-Nhan-tai-dat-Viet-2011','Không có giải nhất và giải nhì, sản phẩm Mã nguồn mở NukeViet của VINADES.,JSC là một trong ba sản phẩm đã đoạt giải ba Nhân tài đất Việt 2011 - Lĩnh vực Công nghệ thông tin (Sản phẩm đã ứng dụng rộng rãi).','nukeviet-nhantaidatviet2011.jpg','Mã nguồn mở NukeViet giành giải ba Nhân tài đất Việt 2011',1,1,'6',1,0,1,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_1` VALUES (7,1,'1',0,1,'',4,1445309676,1445309676,1,3,1445309520,0,2,'NukeViet được ưu tiên mua sắm, sử dụng trong cơ quan, tổ chức nhà nước','nukeviet-duoc-uu-tien-mua-sam-su-dung-trong-co-quan-to-chuc-nha-nuoc','Ngày 5/12/2014, Bộ trưởng Bộ TT&TT Nguyễn Bắc Son đã ký ban hành Thông tư 20/2014/TT-BTTTT (Thông tư 20) quy định về các sản phẩm phần mềm nguồn mở (PMNM) được ưu tiên mua sắm, sử dụng trong cơ quan, tổ chức nhà nước. NukeViet (phiên bản 3.4.02 trở lên) là phần mềm được nằm trong danh sách này.','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','NukeViet được ưu tiên mua sắm, sử dụng trong cơ quan, tổ chức nhà nước',1,1,'4',1,0,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_1` VALUES (9,1,'1,4',0,1,'Trần Thị Thu',0,1445391118,1445394180,1,7,1445391060,0,2,'Chương trình thực tập sinh tại công ty VINADES','chuong-trinh-thuc-tap-sinh-tai-cong-ty-vinades','Cơ hội để những sinh viên năng động được học tập, trải nghiệm, thử thách sớm với những tình huống thực tế, được làm việc cùng các chuyên gia có nhiều kinh nghiệm của công ty VINADES.','thuc-tap-sinh.jpg','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_1` VALUES (11,1,'1',0,1,'',0,1445391182,1445394133,1,9,1445391120,0,2,'NukeViet được Bộ GD&amp;ĐT đưa vào Hướng dẫn thực hiện nhiệm vụ CNTT năm học 2015 - 2016','nukeviet-duoc-bo-gd-dt-dua-vao-huong-dan-thuc-hien-nhiem-vu-cntt-nam-hoc-2015-2016','Trong Hướng dẫn thực hiện nhiệm vụ CNTT năm học 2015 - 2016 của Bộ Giáo dục và Đào tạo, NukeViet được đưa vào các hạng mục: Tập huấn sử dụng phần mềm nguồn mở cho giáo viên và cán bộ quản lý giáo dục; Khai thác, sử dụng và dạy học; đặc biệt phần &quot;khuyến cáo khi sử dụng các hệ thống CNTT&quot; có chỉ rõ &quot;Không nên làm website mã nguồn đóng&quot; và &quot;Nên làm NukeViet: phần mềm nguồn mở&quot;.','nukeviet-cms.jpg','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_1` VALUES (12,1,'1,3',0,1,'',0,1445391217,1445393997,1,10,1445391180,0,2,'Hỗ trợ tập huấn và triển khai NukeViet cho các Phòng, Sở GD&amp;ĐT','ho-tro-tap-huan-va-trien-khai-nukeviet-cho-cac-phong-so-gd-dt','Trên cơ sở Hướng dẫn thực hiện nhiệm vụ CNTT năm học 2015 - 2016 của Bộ Giáo dục và Đào tạo, Công ty cổ phần phát triển nguồn mở Việt Nam và các doanh nghiệp phát triển NukeViet trong cộng đồng NukeViet đang tích cực công tác hỗ trợ cho các phòng GD&ĐT, Sở GD&ĐT triển khai 2 nội dung chính: Hỗ trợ công tác đào tạo tập huấn hướng dẫn sử dụng NukeViet và Hỗ trợ triển khai NukeViet cho các trường, Phòng và Sở GD&ĐT','tap-huan-pgd-ha-dong-2015.jpg','Tập huấn triển khai NukeViet tại Phòng Giáo dục và Đào tạo Hà Đông - Hà Nội',1,1,'4',1,0,1,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_1` VALUES (2,7,'1,7',0,1,'Nguyễn Thế Hùng',7,1453192444,1453192444,1,12,1453192444,0,2,'Hãy trở thành nhà cung cấp dịch vụ của NukeViet&#33;','hay-tro-thanh-nha-cung-cap-dich-vu-cua-nukeviet','Nếu bạn là công ty hosting, là công ty thiết kế web có sử dụng mã nguồn NukeViet, là cơ sở đào tạo NukeViet hay là công ty bất kỳ có kinh doanh dịch vụ liên quan đến NukeViet... hãy cho chúng tôi biết thông tin liên hệ của bạn để NukeViet hỗ trợ bạn trong công việc kinh doanh nhé!','hoptac.jpg','',1,1,'6',1,0,14,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_1` VALUES (16,1,'1',0,1,'Minh Anh',0,1795841454,1795841454,1,16,1795841454,0,1,'Kỳ họp thứ mười bốn Hội đồng nhân dân tỉnh khóa XV thông qua 25 nghị quyết quan trọng','ky-hop-thu-muoi-bon-hoi-dong-nhan-dan-tinh-khoa-xv-thong-qua-25-nghi-quyet-quan-trong','Sau ba ngày làm việc khẩn trương, nghiêm túc, dân chủ, Kỳ họp thứ mười bốn Hội đồng nhân dân tỉnh khóa XV đã hoàn thành toàn bộ nội dung chương trình đề ra và biểu quyết thông qua 25 nghị quyết quan trọng về phát triển kinh tế - xã hội, dự toán ngân sách và đầu tư công.','','',0,1,'4',1,0,26050,0,0,0,0,'',0);
/*!40000 ALTER TABLE `nv4_vi_news_1` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_4`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_4` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=11 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_4` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_4` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_4` VALUES (8,4,'4',0,1,'Vũ Bích Ngọc',0,1445391061,1445394203,1,4,1445391000,0,2,'Công ty VINADES tuyển dụng nhân viên kinh doanh','cong-ty-vinades-tuyen-dung-nhan-vien-kinh-doanh','Công ty cổ phần phát triển nguồn mở Việt Nam là đơn vị chủ quản của phần mềm mã nguồn mở NukeViet - một mã nguồn được tin dùng trong cơ quan nhà nước, đặc biệt là ngành giáo dục. Chúng tôi cần tuyển 05 nhân viên kinh doanh cho lĩnh vực này.','tuyen-dung-nvkd.png','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_4` VALUES (4,4,'4',0,1,'Phạm Quốc Tiến',0,1445391089,1445394192,1,5,1445391060,0,2,'Tuyển dụng chuyên viên đồ hoạ phát triển NukeViet','Tuyen-dung-chuyen-vien-do-hoa','Bạn đam mê nguồn mở? Bạn là chuyên gia đồ họa? Chúng tôi sẽ giúp bạn hiện thực hóa ước mơ của mình với một mức lương đảm bảo. Hãy gia nhập VINADES.,JSC để xây dựng mã nguồn mở hàng đầu cho Việt Nam.','tuyendung-kythuat.jpg','Tuyển dụng',1,1,'6',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_4` VALUES (5,4,'4',0,1,'Phạm Quốc Tiến',0,1445391090,1445394193,1,6,1445391060,0,2,'Tuyển dụng lập trình viên front-end (HTML/CSS/JS) phát triển NukeViet','Tuyen-dung-lap-trinh-vien-front-end-HTML-CSS-JS','Bạn đam mê nguồn mở? Bạn đang cần tìm một công việc phù hợp với thế mạnh của bạn về front-end (HTML/CSS/JS)? Hãy gia nhập VINADES.,JSC để xây dựng mã nguồn mở hàng đầu cho Việt Nam.','tuyendung-kythuat.jpg','Tuyển dụng',1,1,'6',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_4` VALUES (9,1,'1,4',0,1,'Trần Thị Thu',0,1445391118,1445394180,1,7,1445391060,0,2,'Chương trình thực tập sinh tại công ty VINADES','chuong-trinh-thuc-tap-sinh-tai-cong-ty-vinades','Cơ hội để những sinh viên năng động được học tập, trải nghiệm, thử thách sớm với những tình huống thực tế, được làm việc cùng các chuyên gia có nhiều kinh nghiệm của công ty VINADES.','thuc-tap-sinh.jpg','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_4` VALUES (10,4,'4',0,1,'Trần Thị Thu',0,1445391135,1445394444,1,8,1445391120,0,2,'Học việc tại công ty VINADES','hoc-viec-tai-cong-ty-vinades','Công ty cổ phần phát triển nguồn mở Việt Nam tạo cơ hội việc làm và học việc miễn phí cho những ứng viên có đam mê thiết kế web, lập trình PHP… được học tập và rèn luyện cùng đội ngũ lập trình viên phát triển NukeViet.','hoc-viec-tai-cong-ty-vinades.jpg','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_4` VALUES (3,4,'4',0,1,'Phạm Quốc Tiến',2,1453192400,1453192400,1,11,1453192400,0,2,'Tuyển dụng lập trình viên PHP phát triển NukeViet','Tuyen-dung-lap-trinh-vien-PHP','Bạn đam mê nguồn mở? Bạn đang cần tìm một công việc phù hợp với thế mạnh của bạn về PHP và MySQL? Hãy gia nhập VINADES.,JSC để xây dựng mã nguồn mở hàng đầu cho Việt Nam.','tuyendung-kythuat.jpg','Tuyển dụng',1,1,'6',1,0,0,0,0,0,0,'',0);
/*!40000 ALTER TABLE `nv4_vi_news_4` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_authorlist`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_authorlist` (
  `id` int(11) NOT NULL,
  `aid` mediumint(8) NOT NULL,
  `alias` varchar(100) NOT NULL DEFAULT '',
  `pseudonym` varchar(100) NOT NULL DEFAULT '',
  UNIQUE KEY `id_aid` (`id`,`aid`),
  KEY `aid` (`aid`),
  KEY `alias` (`alias`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_authorlist` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_authorlist` DISABLE KEYS */;
/*!40000 ALTER TABLE `nv4_vi_news_authorlist` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_topics`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_topics` (
  `topicid` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `image` varchar(255) DEFAULT '',
  `description` varchar(255) DEFAULT '',
  `weight` smallint(5) NOT NULL DEFAULT 0,
  `keywords` text DEFAULT NULL,
  `add_time` int(11) NOT NULL DEFAULT 0,
  `edit_time` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`topicid`),
  UNIQUE KEY `title` (`title`),
  UNIQUE KEY `alias` (`alias`)
) ENGINE=MyISAM AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_topics` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_topics` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_topics` VALUES (1,'NukeViet 4','NukeViet-4','','NukeViet 4',1,'NukeViet 4',1445396011,1445396011);
/*!40000 ALTER TABLE `nv4_vi_news_topics` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `nv4_vi_news_rows`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `nv4_vi_news_rows` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `catid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `listcatid` varchar(255) NOT NULL DEFAULT '',
  `topicid` smallint(5) unsigned NOT NULL DEFAULT 0,
  `admin_id` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `author` varchar(250) DEFAULT '',
  `sourceid` mediumint(8) NOT NULL DEFAULT 0,
  `addtime` int(11) unsigned NOT NULL DEFAULT 0,
  `edittime` int(11) unsigned NOT NULL DEFAULT 0,
  `status` tinyint(4) NOT NULL DEFAULT 1,
  `weight` int(11) unsigned NOT NULL DEFAULT 0,
  `publtime` int(11) unsigned NOT NULL DEFAULT 0,
  `exptime` int(11) unsigned NOT NULL DEFAULT 0,
  `archive` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `title` varchar(250) NOT NULL DEFAULT '',
  `alias` varchar(250) NOT NULL DEFAULT '',
  `hometext` text NOT NULL,
  `homeimgfile` varchar(255) DEFAULT '',
  `homeimgalt` varchar(255) DEFAULT '',
  `homeimgthumb` tinyint(4) NOT NULL DEFAULT 0,
  `inhome` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `allowed_comm` varchar(255) DEFAULT '',
  `allowed_rating` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `external_link` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `hitstotal` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `hitscm` mediumint(8) unsigned NOT NULL DEFAULT 0,
  `total_rating` int(11) NOT NULL DEFAULT 0,
  `click_rating` int(11) NOT NULL DEFAULT 0,
  `instant_active` tinyint(1) NOT NULL DEFAULT 0,
  `instant_template` varchar(100) NOT NULL DEFAULT '',
  `instant_creatauto` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `catid` (`catid`),
  KEY `topicid` (`topicid`),
  KEY `admin_id` (`admin_id`),
  KEY `author` (`author`),
  KEY `title` (`title`),
  KEY `addtime` (`addtime`),
  KEY `edittime` (`edittime`),
  KEY `publtime` (`publtime`),
  KEY `exptime` (`exptime`),
  KEY `status` (`status`),
  KEY `instant_active` (`instant_active`),
  KEY `instant_creatauto` (`instant_creatauto`)
) ENGINE=MyISAM AUTO_INCREMENT=17 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `nv4_vi_news_rows` WRITE;
/*!40000 ALTER TABLE `nv4_vi_news_rows` DISABLE KEYS */;
INSERT INTO `nv4_vi_news_rows` VALUES (1,1,'1,5,7',0,1,'Quỳnh Nhi',1,1274989177,1275318126,1,1,1274989140,0,2,'Ra mắt công ty mã nguồn mở đầu tiên tại Việt Nam','Ra-mat-cong-ty-ma-nguon-mo-dau-tien-tai-Viet-Nam','Mã nguồn mở NukeViet vốn đã quá quen thuộc với cộng đồng CNTT Việt Nam trong mấy năm qua. Tuy chưa hoạt động chính thức, nhưng chỉ trong khoảng 5 năm gần đây, mã nguồn mở NukeViet đã được dùng phổ biến ở Việt Nam, áp dụng ở hầu hết các lĩnh vực, từ tin tức đến thương mại điện tử, từ các website cá nhân cho tới những hệ thống website doanh nghiệp.','nangly.jpg','Thành lập VINADES.,JSC',1,1,'6',1,0,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (2,7,'1,7',0,1,'Nguyễn Thế Hùng',7,1453192444,1453192444,1,12,1453192444,0,2,'Hãy trở thành nhà cung cấp dịch vụ của NukeViet&#33;','hay-tro-thanh-nha-cung-cap-dich-vu-cua-nukeviet','Nếu bạn là công ty hosting, là công ty thiết kế web có sử dụng mã nguồn NukeViet, là cơ sở đào tạo NukeViet hay là công ty bất kỳ có kinh doanh dịch vụ liên quan đến NukeViet... hãy cho chúng tôi biết thông tin liên hệ của bạn để NukeViet hỗ trợ bạn trong công việc kinh doanh nhé!','hoptac.jpg','',1,1,'6',1,0,14,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (3,4,'4',0,1,'Phạm Quốc Tiến',2,1453192400,1453192400,1,11,1453192400,0,2,'Tuyển dụng lập trình viên PHP phát triển NukeViet','Tuyen-dung-lap-trinh-vien-PHP','Bạn đam mê nguồn mở? Bạn đang cần tìm một công việc phù hợp với thế mạnh của bạn về PHP và MySQL? Hãy gia nhập VINADES.,JSC để xây dựng mã nguồn mở hàng đầu cho Việt Nam.','tuyendung-kythuat.jpg','Tuyển dụng',1,1,'6',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (4,4,'4',0,1,'Phạm Quốc Tiến',0,1445391089,1445394192,1,5,1445391060,0,2,'Tuyển dụng chuyên viên đồ hoạ phát triển NukeViet','Tuyen-dung-chuyen-vien-do-hoa','Bạn đam mê nguồn mở? Bạn là chuyên gia đồ họa? Chúng tôi sẽ giúp bạn hiện thực hóa ước mơ của mình với một mức lương đảm bảo. Hãy gia nhập VINADES.,JSC để xây dựng mã nguồn mở hàng đầu cho Việt Nam.','tuyendung-kythuat.jpg','Tuyển dụng',1,1,'6',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (5,4,'4',0,1,'Phạm Quốc Tiến',0,1445391090,1445394193,1,6,1445391060,0,2,'Tuyển dụng lập trình viên front-end (HTML/CSS/JS) phát triển NukeViet','Tuyen-dung-lap-trinh-vien-front-end-HTML-CSS-JS','Bạn đam mê nguồn mở? Bạn đang cần tìm một công việc phù hợp với thế mạnh của bạn về front-end (HTML/CSS/JS)? Hãy gia nhập VINADES.,JSC để xây dựng mã nguồn mở hàng đầu cho Việt Nam.','tuyendung-kythuat.jpg','Tuyển dụng',1,1,'6',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (6,1,'1,6',0,1,'',3,1322685920,1322686042,1,2,1322685920,0,2,'Mã nguồn mở NukeViet giành giải ba Nhân tài đất Việt 2011','Ma-nguon-mo-NukeViet-gianh-giai-ba-Nhan-tai-dat-Viet-2011','Không có giải nhất và giải nhì, sản phẩm Mã nguồn mở NukeViet của VINADES.,JSC là một trong ba sản phẩm đã đoạt giải ba Nhân tài đất Việt 2011 - Lĩnh vực Công nghệ thông tin (Sản phẩm đã ứng dụng rộng rãi).','nukeviet-nhantaidatviet2011.jpg','Mã nguồn mở NukeViet giành giải ba Nhân tài đất Việt 2011',1,1,'6',1,0,1,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (7,1,'1',0,1,'',4,1445309676,1445309676,1,3,1445309520,0,2,'NukeViet được ưu tiên mua sắm, sử dụng trong cơ quan, tổ chức nhà nước','nukeviet-duoc-uu-tien-mua-sam-su-dung-trong-co-quan-to-chuc-nha-nuoc','Ngày 5/12/2014, Bộ trưởng Bộ TT&TT Nguyễn Bắc Son đã ký ban hành Thông tư 20/2014/TT-BTTTT (Thông tư 20) quy định về các sản phẩm phần mềm nguồn mở (PMNM) được ưu tiên mua sắm, sử dụng trong cơ quan, tổ chức nhà nước. NukeViet (phiên bản 3.4.02 trở lên) là phần mềm được nằm trong danh sách này.','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','NukeViet được ưu tiên mua sắm, sử dụng trong cơ quan, tổ chức nhà nước',1,1,'4',1,0,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (8,4,'4',0,1,'Vũ Bích Ngọc',0,1445391061,1445394203,1,4,1445391000,0,2,'Công ty VINADES tuyển dụng nhân viên kinh doanh','cong-ty-vinades-tuyen-dung-nhan-vien-kinh-doanh','Công ty cổ phần phát triển nguồn mở Việt Nam là đơn vị chủ quản của phần mềm mã nguồn mở NukeViet - một mã nguồn được tin dùng trong cơ quan nhà nước, đặc biệt là ngành giáo dục. Chúng tôi cần tuyển 05 nhân viên kinh doanh cho lĩnh vực này.','tuyen-dung-nvkd.png','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (9,1,'1,4',0,1,'Trần Thị Thu',0,1445391118,1445394180,1,7,1445391060,0,2,'Chương trình thực tập sinh tại công ty VINADES','chuong-trinh-thuc-tap-sinh-tai-cong-ty-vinades','Cơ hội để những sinh viên năng động được học tập, trải nghiệm, thử thách sớm với những tình huống thực tế, được làm việc cùng các chuyên gia có nhiều kinh nghiệm của công ty VINADES.','thuc-tap-sinh.jpg','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (10,4,'4',0,1,'Trần Thị Thu',0,1445391135,1445394444,1,8,1445391120,0,2,'Học việc tại công ty VINADES','hoc-viec-tai-cong-ty-vinades','Công ty cổ phần phát triển nguồn mở Việt Nam tạo cơ hội việc làm và học việc miễn phí cho những ứng viên có đam mê thiết kế web, lập trình PHP… được học tập và rèn luyện cùng đội ngũ lập trình viên phát triển NukeViet.','hoc-viec-tai-cong-ty-vinades.jpg','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (11,1,'1',0,1,'',0,1445391182,1445394133,1,9,1445391120,0,2,'NukeViet được Bộ GD&amp;ĐT đưa vào Hướng dẫn thực hiện nhiệm vụ CNTT năm học 2015 - 2016','nukeviet-duoc-bo-gd-dt-dua-vao-huong-dan-thuc-hien-nhiem-vu-cntt-nam-hoc-2015-2016','Trong Hướng dẫn thực hiện nhiệm vụ CNTT năm học 2015 - 2016 của Bộ Giáo dục và Đào tạo, NukeViet được đưa vào các hạng mục: Tập huấn sử dụng phần mềm nguồn mở cho giáo viên và cán bộ quản lý giáo dục; Khai thác, sử dụng và dạy học; đặc biệt phần &quot;khuyến cáo khi sử dụng các hệ thống CNTT&quot; có chỉ rõ &quot;Không nên làm website mã nguồn đóng&quot; và &quot;Nên làm NukeViet: phần mềm nguồn mở&quot;.','nukeviet-cms.jpg','',1,1,'4',1,0,0,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (12,1,'1,3',0,1,'',0,1445391217,1445393997,1,10,1445391180,0,2,'Hỗ trợ tập huấn và triển khai NukeViet cho các Phòng, Sở GD&amp;ĐT','ho-tro-tap-huan-va-trien-khai-nukeviet-cho-cac-phong-so-gd-dt','Trên cơ sở Hướng dẫn thực hiện nhiệm vụ CNTT năm học 2015 - 2016 của Bộ Giáo dục và Đào tạo, Công ty cổ phần phát triển nguồn mở Việt Nam và các doanh nghiệp phát triển NukeViet trong cộng đồng NukeViet đang tích cực công tác hỗ trợ cho các phòng GD&ĐT, Sở GD&ĐT triển khai 2 nội dung chính: Hỗ trợ công tác đào tạo tập huấn hướng dẫn sử dụng NukeViet và Hỗ trợ triển khai NukeViet cho các trường, Phòng và Sở GD&ĐT','tap-huan-pgd-ha-dong-2015.jpg','Tập huấn triển khai NukeViet tại Phòng Giáo dục và Đào tạo Hà Đông - Hà Nội',1,1,'4',1,0,1,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (13,2,'2',0,1,'VINADES',0,1453194455,1453194455,1,13,1453194455,0,2,'NukeViet 4.0 có gì mới?','nukeviet-4-0-co-gi-moi','NukeViet 4 là phiên bản NukeViet được cộng đồng đánh giá cao, hứa hẹn nhiều điểm vượt trội về công nghệ đến thời điểm hiện tại. NukeViet 4 thay đổi gần như hoàn toàn từ nhân hệ thống đến chức năng, giao diện người dùng. Vậy, có gì mới trong phiên bản này?','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','',1,1,'4',1,0,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (14,2,'2',0,1,'VINADES',0,1501837620,1501837620,1,14,1501837620,0,2,'NukeViet 4.2 có gì mới?','nukeviet-4-2-co-gi-moi','NukeViet 4.2 là phiên bản nâng cấp của phiên bản NukeViet 4.0 tập trung vào việc fix các vấn đề bất cập còn tồn tại của NukeViet 4.0, Thêm các tính năng mới để tăng cường bảo mật của hệ thống cũng như tối ưu trải nghiệm của người dùng.','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','',1,1,'4',1,1,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (15,2,'2',0,1,'VINADES',0,1510215907,1510215907,1,15,1510215907,0,2,'NukeViet 4.3 có gì mới?','nukeviet-4-3-co-gi-moi','NukeViet 4.3 là phiên bản nâng cấp của phiên bản NukeViet 4.2 tập trung vào việc fix các vấn đề bất cập còn tồn tại, tối ưu trải nghiệm của người dùng.','chuc-mung-nukeviet-thong-tu-20-bo-tttt.jpg','',1,1,'4',1,1,2,0,0,0,0,'',0);
INSERT INTO `nv4_vi_news_rows` VALUES (16,1,'1',0,1,'Minh Anh',0,1795841454,1795841454,1,16,1795841454,0,1,'Kỳ họp thứ mười bốn Hội đồng nhân dân tỉnh khóa XV thông qua 25 nghị quyết quan trọng','ky-hop-thu-muoi-bon-hoi-dong-nhan-dan-tinh-khoa-xv-thong-qua-25-nghi-quyet-quan-trong','Sau ba ngày làm việc khẩn trương, nghiêm túc, dân chủ, Kỳ họp thứ mười bốn Hội đồng nhân dân tỉnh khóa XV đã hoàn thành toàn bộ nội dung chương trình đề ra và biểu quyết thông qua 25 nghị quy�