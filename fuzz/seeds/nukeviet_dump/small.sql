CREATE TABLE `nv4_vi_news_cat` (`catid` int, `parentid` int, `title` text, `alias` text, `weight` int);
INSERT INTO `nv4_vi_news_cat` VALUES (1,0,'Tin t\u1ee9c','Tin-tuc',1);
CREATE TABLE `nv4_vi_news_rows` (`id` int);
CREATE TABLE `nv4_vi_news_detail` (`id` int, `bodyhtml` text);
